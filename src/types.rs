//! Small value types with rules: countries, currencies, money, weekday sets, local times,
//! time ranges, durations, month-days, seasons and the dates sources report.
//!
//! Each parses from the string form the dataset and the command line use (`FromStr`), so a
//! bad value fails where it is read, with its position.

use chrono::{Datelike, NaiveDate, NaiveTime, Weekday};
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Implements `Deserialize` through `FromStr`, so TOML reports the bad value's line and
/// column, and `Serialize` through `Display`, which `FromStr` reads back (the build embeds
/// the checked dataset in that form).
macro_rules! deserialize_from_str {
    ($t:ty) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str(ParseVisitor(std::marker::PhantomData))
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(&StrForm(self))
            }
        }
    };
}

/// Like `deserialize_from_str!` for text formats, but in binary formats (the embedded
/// dataset) the value is a small number: thousands of codes decode without parsing.
macro_rules! deserialize_compact {
    ($t:ty, $n:ty, $to:expr, $from:expr) => {
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if d.is_human_readable() {
                    d.deserialize_str(ParseVisitor(std::marker::PhantomData))
                } else {
                    let n = <$n>::deserialize(d)?;
                    ($from)(n).map_err(de::Error::custom)
                }
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    s.collect_str(&StrForm(self))
                } else {
                    ($to)(self).serialize(s)
                }
            }
        }
    };
}

/// Parses a value from a string without copying it first (decoding the embedded dataset
/// reads thousands of country codes).
struct ParseVisitor<T>(std::marker::PhantomData<T>);

impl<T: FromStr<Err = String>> de::Visitor<'_> for ParseVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

/// The string form a value is written and read in.
struct StrForm<'a, T>(&'a T);

impl<T: ReadBack> fmt::Display for StrForm<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.read_back(f)
    }
}

/// Writes a value in the form its `FromStr` parses.
trait ReadBack {
    fn read_back(&self, f: &mut fmt::Formatter) -> fmt::Result;
}

macro_rules! read_back_by_display {
    ($($t:ty),*) => {
        $(impl ReadBack for $t {
            fn read_back(&self, f: &mut fmt::Formatter) -> fmt::Result {
                fmt::Display::fmt(self, f)
            }
        })*
    };
}
read_back_by_display!(Country, Currency, Weekdays, LocalTime, TimeRange, Dur, Reported);

impl ReadBack for MonthDay {
    fn read_back(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl ReadBack for Zone {
    fn read_back(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0.name())
    }
}

impl ReadBack for Decimal {
    fn read_back(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{int}.{frac}")
    }
}

/// ISO 3166-1 alpha-2 country code, upper case.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country([u8; 2]);

impl Country {
    /// Two capital ASCII letters, as the binary dataset stores them.
    pub fn from_bytes(b: [u8; 2]) -> Option<Country> {
        b.iter().all(u8::is_ascii_uppercase).then_some(Country(b))
    }
    /// Two bytes already checked to be capital ASCII letters (`from_bytes` checks).
    pub(crate) fn upper_unchecked(b: [u8; 2]) -> Country {
        debug_assert!(b.iter().all(u8::is_ascii_uppercase));
        Country(b)
    }
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl FromStr for Country {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let b = s.as_bytes();
        if b.len() == 2 && b.iter().all(u8::is_ascii_alphabetic) {
            Ok(Country([
                b[0].to_ascii_uppercase(),
                b[1].to_ascii_uppercase(),
            ]))
        } else {
            Err(format!(
                "'{s}' is not a country code; expected two letters (ISO 3166-1 alpha-2) like CN or KG"
            ))
        }
    }
}
deserialize_compact!(
    Country,
    u16,
    |c: &Country| u16::from_be_bytes(c.0),
    |n: u16| {
        let b = n.to_be_bytes();
        if b.iter().all(u8::is_ascii_uppercase) {
            Ok(Country(b))
        } else {
            Err(format!("country number {n} is not two capital letters"))
        }
    }
);

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The ISO 4217 currencies this region's fares are quoted in, with their minor-unit digits.
const CURRENCIES: &[(&str, u32)] = &[
    ("CNY", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("KGS", 2),
    ("KZT", 2),
    ("PKR", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("USD", 2),
    ("UZS", 2),
    ("AFN", 2),
];

/// An ISO 4217 currency from the supported list.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(usize);

impl Currency {
    pub fn code(&self) -> &'static str {
        CURRENCIES[self.0].0
    }
    pub fn digits(&self) -> u32 {
        CURRENCIES[self.0].1
    }
}

impl FromStr for Currency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let up = s.to_ascii_uppercase();
        CURRENCIES
            .iter()
            .position(|(c, _)| *c == up)
            .map(Currency)
            .ok_or_else(|| {
                let known: Vec<&str> = CURRENCIES.iter().map(|(c, _)| *c).collect();
                format!(
                    "'{s}' is not a supported currency; expected an ISO 4217 code, one of {}",
                    known.join(", ")
                )
            })
    }
}
deserialize_compact!(Currency, u8, |c: &Currency| c.0 as u8, |n: u8| {
    CURRENCIES
        .get(usize::from(n))
        .map(|_| Currency(usize::from(n)))
        .ok_or_else(|| format!("currency number {n} is unknown"))
});

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.code())
    }
}
impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An exact decimal number: `mantissa / 10^scale`. Used for money amounts and rates.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Decimal {
    pub mantissa: i128,
    pub scale: u32,
}

impl FromStr for Decimal {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!("'{s}' is not a decimal number; expected digits like \"16000\" or \"64.69\"")
        };
        let t = s.trim().replace(['_', ','], "");
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, t),
        };
        let (int, frac) = match t.split_once('.') {
            Some((i, f)) => (i, f),
            None => (t.as_str(), ""),
        };
        if int.is_empty() && frac.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
            || int.len() + frac.len() > 30
        {
            return Err(bad());
        }
        let digits = format!("{int}{frac}");
        let m: i128 = digits.parse().map_err(|_| bad())?;
        Ok(Decimal {
            mantissa: if neg { -m } else { m },
            scale: frac.len() as u32,
        })
    }
}
deserialize_from_str!(Decimal);

/// An amount of money in integer minor units (never a float).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Builds money from a decimal amount, refusing more decimals than the currency has.
    pub fn from_decimal(d: Decimal, currency: Currency) -> Result<Money, String> {
        if d.scale > currency.digits() {
            return Err(format!(
                "amount has {} decimals but {} has {}",
                d.scale,
                currency,
                currency.digits()
            ));
        }
        let minor = d
            .mantissa
            .checked_mul(10i128.pow(currency.digits() - d.scale))
            .and_then(|m| i64::try_from(m).ok())
            .ok_or_else(|| "amount is too large".to_string())?;
        if minor < 0 {
            return Err("amount is negative".into());
        }
        Ok(Money { minor, currency })
    }

    /// The amount as a decimal string in major units, e.g. `64.69`, `16000` or `-3.5`:
    /// always a valid JSON number.
    pub fn amount_string(&self) -> String {
        let d = self.currency.digits();
        let p = 10u64.pow(d);
        let abs = self.minor.unsigned_abs();
        let (whole, frac) = (abs / p, abs % p);
        let sign = if self.minor < 0 { "-" } else { "" };
        if frac == 0 {
            format!("{sign}{whole}")
        } else {
            let f = format!("{:0width$}", frac, width = d as usize);
            format!("{sign}{whole}.{}", f.trim_end_matches('0'))
        }
    }

    /// `self + other` in the same currency; `None` on overflow or a currency mismatch.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        (self.currency == other.currency).then_some(())?;
        Some(Money {
            minor: self.minor.checked_add(other.minor)?,
            currency: self.currency,
        })
    }

    /// `self × n`; `None` on overflow.
    pub fn checked_times(self, n: u32) -> Option<Money> {
        Some(Money {
            minor: self.minor.checked_mul(i64::from(n))?,
            currency: self.currency,
        })
    }

    /// The amount with thousands separators and its currency: `16,000 KZT`.
    pub fn display(&self) -> String {
        let s = self.amount_string();
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w.to_string(), format!(".{f}")),
            None => (s.clone(), String::new()),
        };
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("{grouped}{frac} {}", self.currency)
    }
}

/// A set of weekdays: `daily`, `Mon-Fri`, `Mon,Thu`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
pub struct Weekdays(u8);

impl Weekdays {
    pub const ALL: Weekdays = Weekdays(0x7f);
    pub fn contains(&self, d: Weekday) -> bool {
        self.0 & (1 << d.num_days_from_monday()) != 0
    }
    pub fn days(&self) -> impl Iterator<Item = Weekday> + '_ {
        (0..7)
            .filter(move |i| self.0 & (1 << i) != 0)
            .filter_map(|i| Weekday::try_from(i as u8).ok())
    }
    /// The weekdays not in the set.
    pub fn missing(&self) -> Vec<Weekday> {
        (0..7u8)
            .filter(|i| self.0 & (1 << i) == 0)
            .filter_map(|i| Weekday::try_from(i).ok())
            .collect()
    }
}

fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_ascii_lowercase();
    let names = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    names
        .iter()
        .position(|n| s == *n || s == n[..3])
        .and_then(|i| Weekday::try_from(i as u8).ok())
}

impl FromStr for Weekdays {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "'{s}' is not a set of weekdays; expected \"daily\", \"Mon-Fri\" or \"Mon,Thu\""
            )
        };
        if s.trim().eq_ignore_ascii_case("daily") {
            return Ok(Weekdays::ALL);
        }
        let mut bits = 0u8;
        // A day named twice ("Mon,Mon", "Mon-Fri,Wed") is a slip that may hide a missing one.
        let mut add = |i: u32| {
            if bits & (1 << i) != 0 {
                let day = Weekday::try_from(i as u8).unwrap_or(Weekday::Mon);
                return Err(format!(
                    "'{s}' names {day:?} twice; list each weekday once, like \"Mon,Thu\" or \"Mon-Fri\""
                ));
            }
            bits |= 1 << i;
            Ok(())
        };
        for part in s.split(',') {
            match part.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (
                        parse_weekday(a).ok_or_else(bad)?,
                        parse_weekday(b).ok_or_else(bad)?,
                    );
                    let (mut i, end) = (a.num_days_from_monday(), b.num_days_from_monday());
                    loop {
                        add(i)?;
                        if i == end {
                            break;
                        }
                        i = (i + 1) % 7;
                    }
                }
                None => add(parse_weekday(part).ok_or_else(bad)?.num_days_from_monday())?,
            }
        }
        Ok(Weekdays(bits))
    }
}
deserialize_compact!(
    Weekdays,
    u8,
    |w: &Weekdays| w.0,
    |n: u8| if n != 0 && n < 0x80 {
        Ok(Weekdays(n))
    } else {
        Err(format!("weekday bits {n} are out of range"))
    }
);

impl fmt::Display for Weekdays {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if *self == Weekdays::ALL {
            return f.write_str("daily");
        }
        // Runs of three or more consecutive days print as ranges: Mon-Fri.
        let days: Vec<u32> = self.days().map(|d| d.num_days_from_monday()).collect();
        let mut parts = Vec::new();
        let mut i = 0;
        while i < days.len() {
            let mut j = i;
            while j + 1 < days.len() && days[j + 1] == days[j] + 1 {
                j += 1;
            }
            let name = |n: u32| format!("{:?}", Weekday::try_from(n as u8).unwrap_or(Weekday::Mon));
            if j >= i + 2 {
                parts.push(format!("{}-{}", name(days[i]), name(days[j])));
            } else {
                for d in &days[i..=j] {
                    parts.push(name(*d));
                }
            }
            i = j + 1;
        }
        f.write_str(&parts.join(","))
    }
}

/// A local wall-clock time `HH:MM`; the zone comes from the record it belongs to.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct LocalTime(pub NaiveTime);

impl FromStr for LocalTime {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        NaiveTime::parse_from_str(s.trim(), "%H:%M")
            .map(LocalTime)
            .map_err(|_| {
                format!("'{s}' is not a time; expected HH:MM on a 24-hour clock, like 09:30")
            })
    }
}
deserialize_compact!(
    LocalTime,
    u16,
    |t: &LocalTime| minute_of_day(t.0),
    |n: u16| from_minute(n).map(LocalTime)
);

/// Minutes since midnight, the binary form of a local time.
fn minute_of_day(t: NaiveTime) -> u16 {
    use chrono::Timelike;
    u16::try_from(t.hour() * 60 + t.minute()).unwrap_or(0)
}

fn from_minute(n: u16) -> Result<NaiveTime, String> {
    NaiveTime::from_hms_opt(u32::from(n / 60), u32::from(n % 60), 0)
        .ok_or_else(|| format!("minute of day {n} is out of range"))
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.0.format("%H:%M"))
    }
}

/// A daily time range `HH:MM-HH:MM` (start before end, same day).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TimeRange {
    pub start: LocalTime,
    pub end: LocalTime,
}

impl TimeRange {
    pub fn contains(&self, t: NaiveTime) -> bool {
        self.start.0 <= t && t <= self.end.0
    }

    /// The dataset writes a post open day and night as `00:00-23:59`.
    pub fn round_the_clock(&self) -> bool {
        self.start.0 == NaiveTime::MIN
            && self.end.0 == NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN)
    }
}

impl FromStr for TimeRange {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not a time range; expected HH:MM-HH:MM like 10:00-17:00");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let (start, end) = (
            a.parse::<LocalTime>().map_err(|_| bad())?,
            b.parse::<LocalTime>().map_err(|_| bad())?,
        );
        if start >= end {
            return Err(format!(
                "time range '{s}' ends before it starts; expected start before end on the same day"
            ));
        }
        Ok(TimeRange { start, end })
    }
}
deserialize_compact!(
    TimeRange,
    u32,
    |r: &TimeRange| u32::from(minute_of_day(r.start.0)) << 16 | u32::from(minute_of_day(r.end.0)),
    |n: u32| -> Result<TimeRange, String> {
        let (a, b) = (
            from_minute((n >> 16) as u16)?,
            from_minute((n & 0xffff) as u16)?,
        );
        Ok(TimeRange {
            start: LocalTime(a),
            end: LocalTime(b),
        })
    }
);

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// A span of time in whole minutes: `5h`, `45m`, `20h30m`, `1d6h`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Default)]
pub struct Dur(pub i64);

impl Dur {
    /// The longest span the data may give, 60 days: `FromStr` refuses more, and so does a
    /// compiled dataset's decoder (a forged file with an offset of a million years would
    /// otherwise overflow the planner's time arithmetic), as it refuses a negative span.
    pub const MAX_MINUTES: i64 = 60 * 24 * 60;

    pub fn minutes(&self) -> i64 {
        self.0
    }
    pub fn to_chrono(self) -> chrono::Duration {
        chrono::Duration::minutes(self.0)
    }
}

impl FromStr for Dur {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad =
            || format!("'{s}' is not a duration; expected forms like 5h, 45m, 20h30m or 1d6h");
        let t = s.trim();
        if t.is_empty() {
            return Err(bad());
        }
        let (mut total, mut num, mut seen_unit) = (0i64, String::new(), false);
        for c in t.chars() {
            if c.is_ascii_digit() {
                num.push(c);
            } else if c == ' ' {
                continue;
            } else {
                let n: i64 = num.parse().map_err(|_| bad())?;
                let unit = match c {
                    'd' => 24 * 60,
                    'h' => 60,
                    'm' => 1,
                    _ => return Err(bad()),
                };
                total = n
                    .checked_mul(unit)
                    .and_then(|v| v.checked_add(total))
                    .ok_or_else(bad)?;
                num.clear();
                seen_unit = true;
            }
        }
        if !num.is_empty() || !seen_unit || total > Dur::MAX_MINUTES {
            return Err(bad());
        }
        Ok(Dur(total))
    }
}
deserialize_compact!(Dur, i64, |d: &Dur| d.0, |n: i64| {
    if (0..=Dur::MAX_MINUTES).contains(&n) {
        Ok(Dur(n))
    } else {
        Err(format!(
            "a span of {n} minutes is out of range (0 to 60 days)"
        ))
    }
});

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (d, h, m) = (self.0 / 1440, (self.0 % 1440) / 60, self.0 % 60);
        let mut s = String::new();
        if d > 0 {
            s.push_str(&format!("{d}d "));
        }
        if h > 0 || d > 0 {
            s.push_str(&format!("{h}h"));
        }
        if m > 0 || s.is_empty() {
            s.push_str(&format!("{m:02}m"));
        }
        f.write_str(s.trim())
    }
}

/// A day of the year `MM-DD`, for seasons that recur every year.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub fn of(date: NaiveDate) -> MonthDay {
        MonthDay {
            month: date.month(),
            day: date.day(),
        }
    }
    /// This month-day in `year`; 29 February falls back to 28 February in other years.
    pub fn in_year(&self, year: i32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(year, self.month, self.day)
            .or_else(|| NaiveDate::from_ymd_opt(year, self.month, self.day - 1))
    }
}

impl FromStr for MonthDay {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("'{s}' is not a month-day; expected MM-DD like 04-01");
        let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
        let (month, day): (u32, u32) =
            (m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
        // 2024 is a leap year, so 02-29 is accepted.
        NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(bad)?;
        Ok(MonthDay { month, day })
    }
}
deserialize_compact!(
    MonthDay,
    u16,
    |m: &MonthDay| (m.month * 32 + m.day) as u16,
    |n: u16| {
        let (month, day) = (u32::from(n / 32), u32::from(n % 32));
        NaiveDate::from_ymd_opt(2024, month, day)
            .map(|_| MonthDay { month, day })
            .ok_or_else(|| format!("month-day {n} is out of range"))
    }
);

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let name = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        write!(
            f,
            "{} {}",
            self.day,
            name[(self.month as usize).saturating_sub(1) % 12]
        )
    }
}

/// The part of the year a crossing is open: from `open` to `close` inclusive. It may wrap
/// the year end (open 11-01, close 03-31).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    pub open: MonthDay,
    pub close: MonthDay,
}

impl Season {
    pub fn contains(&self, date: NaiveDate) -> bool {
        let d = MonthDay::of(date);
        if self.open <= self.close {
            self.open <= d && d <= self.close
        } else {
            d >= self.open || d <= self.close
        }
    }
    /// The first day on or after `date` inside the season.
    pub fn next_open_day(&self, date: NaiveDate) -> NaiveDate {
        if self.contains(date) {
            return date;
        }
        match self.open.in_year(date.year()) {
            Some(d) if d >= date => d,
            _ => self.open.in_year(date.year() + 1).unwrap_or(date),
        }
    }
}

/// The date a source reports: a day, a month, a year, an approximate year, or none.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Reported {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    Circa(i32),
    Undated,
}

impl Reported {
    /// The latest day the report can refer to: the day itself, the month's or the year's
    /// last day; None when undated.
    pub fn latest_day(&self) -> Option<NaiveDate> {
        match self {
            Reported::Day(d) => Some(*d),
            Reported::Month(y, m) => {
                let (ny, nm) = if *m == 12 { (*y + 1, 1) } else { (*y, *m + 1) };
                NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt())
            }
            Reported::Year(y) | Reported::Circa(y) => NaiveDate::from_ymd_opt(*y, 12, 31),
            Reported::Undated => None,
        }
    }

    /// The latest day the report can refer to, for ordering reports by age.
    pub fn year(&self) -> Option<i32> {
        match self {
            Reported::Day(d) => Some(d.year()),
            Reported::Month(y, _) | Reported::Year(y) | Reported::Circa(y) => Some(*y),
            Reported::Undated => None,
        }
    }
}

impl FromStr for Reported {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!("'{s}' is not a reported date; expected YYYY-MM-DD, YYYY-MM, YYYY, \"c. YYYY\" or \"undated\"")
        };
        let t = s.trim();
        if t == "undated" {
            return Ok(Reported::Undated);
        }
        if let Some(y) = t.strip_prefix("c. ") {
            return y.parse().map(Reported::Circa).map_err(|_| bad());
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(Reported::Day(d));
        }
        let parts: Vec<&str> = t.split('-').collect();
        match parts.as_slice() {
            [y] if y.len() == 4 => y.parse().map(Reported::Year).map_err(|_| bad()),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                let (y, m): (i32, u32) =
                    (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
                if (1..=12).contains(&m) {
                    Ok(Reported::Month(y, m))
                } else {
                    Err(bad())
                }
            }
            _ => Err(bad()),
        }
    }
}
// In the embedded form: a tag and one number, so hundreds of sources' dates decode without
// parsing text.
deserialize_compact!(
    Reported,
    (u8, i32),
    |r: &Reported| match *r {
        Reported::Day(d) => (0u8, d.num_days_from_ce()),
        Reported::Month(y, m) => (1, y.saturating_mul(16).saturating_add(m as i32)),
        Reported::Year(y) => (2, y),
        Reported::Circa(y) => (3, y),
        Reported::Undated => (4, 0),
    },
    |(tag, n): (u8, i32)| match tag {
        0 => NaiveDate::from_num_days_from_ce_opt(n)
            .map(Reported::Day)
            .ok_or_else(|| format!("reported day number {n} is out of range")),
        1 => Ok(Reported::Month(n.div_euclid(16), n.rem_euclid(16) as u32)),
        2 => Ok(Reported::Year(n)),
        3 => Ok(Reported::Circa(n)),
        4 => Ok(Reported::Undated),
        _ => Err(format!("reported-date tag {tag} is unknown")),
    }
);

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Reported::Day(d) => write!(f, "{d}"),
            Reported::Month(y, m) => write!(f, "{y}-{m:02}"),
            Reported::Year(y) => write!(f, "{y}"),
            Reported::Circa(y) => write!(f, "c. {y}"),
            Reported::Undated => f.write_str("undated"),
        }
    }
}

/// An IANA time zone, parsed with chrono-tz.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Zone(pub chrono_tz::Tz);

impl FromStr for Zone {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        s.parse::<chrono_tz::Tz>()
            .map(Zone)
            .map_err(|_| format!("'{s}' is not a time zone; expected an IANA name like Asia/Shanghai or Asia/Bishkek"))
    }
}
// In the embedded form a zone is its number in chrono-tz's table (`TZ_VARIANTS`), not its
// name: decoding it is an index, not a string lookup. The table is the one this binary was
// built with, so the number means the same zone when it is read back.
deserialize_compact!(
    Zone,
    u16,
    |z: &Zone| chrono_tz::TZ_VARIANTS
        .iter()
        .position(|v| *v == z.0)
        .and_then(|i| u16::try_from(i).ok())
        .unwrap_or(u16::MAX),
    |n: u16| chrono_tz::TZ_VARIANTS
        .get(usize::from(n))
        .map(|z| Zone(*z))
        .ok_or_else(|| format!("zone number {n} is not in this build's zone table"))
);

/// The years a date in a data file may fall in.
pub const DAY_YEARS: std::ops::RangeInclusive<u16> = 1900..=2200;

/// A calendar date written as a TOML date (`2026-06-13`, no quotes), as the data files use.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub struct Day(pub NaiveDate);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        match (dt.date, dt.time, dt.offset) {
            // Dates this far out are typos; nearer ones keep all date arithmetic in range.
            (Some(date), None, None) if !(DAY_YEARS).contains(&date.year) => {
                Err(de::Error::custom(format!(
                    "{dt} is out of range; expected a date in the years {} to {}",
                    DAY_YEARS.start(),
                    DAY_YEARS.end()
                )))
            }
            (Some(date), None, None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .map(Day)
            .ok_or_else(|| de::Error::custom(format!("{dt} is not a calendar date"))),
            _ => Err(de::Error::custom(format!(
                "{dt} is not a plain date; expected YYYY-MM-DD with no time"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekday_sets() {
        let cases = [
            ("daily", "daily", 7),
            ("Mon-Fri", "Mon-Fri", 5),
            ("Mon,Thu", "Mon,Thu", 2),
            ("Sun,Wed,Thu", "Wed,Thu,Sun", 3),
            ("Fri-Mon", "Mon,Fri-Sun", 4),
            ("mon-sun", "daily", 7),
        ];
        for (input, shown, n) in cases {
            let w: Weekdays = input.parse().unwrap();
            assert_eq!(w.to_string(), shown, "{input}");
            assert_eq!(w.days().count(), n, "{input}");
        }
        for bad in [
            "",
            "Mo",
            "Monday-Funday",
            "Mon;Thu",
            "Xyz",
            "Mon,Mon",
            "Mon-Fri,Wed",
        ] {
            assert!(bad.parse::<Weekdays>().is_err(), "{bad}");
        }
    }

    #[test]
    fn durations() {
        let cases = [
            ("5h", 300),
            ("45m", 45),
            ("20h30m", 1230),
            ("1d6h", 1800),
            ("0h", 0),
            ("1d 2h", 1560),
        ];
        for (input, mins) in cases {
            assert_eq!(input.parse::<Dur>().unwrap().minutes(), mins, "{input}");
        }
        for bad in ["", "5", "h", "5x", "-5h", "99999d"] {
            assert!(bad.parse::<Dur>().is_err(), "{bad}");
        }
    }

    #[test]
    fn time_ranges() {
        let r: TimeRange = "10:00-17:00".parse().unwrap();
        assert!(r.contains(NaiveTime::from_hms_opt(10, 0, 0).unwrap()));
        assert!(r.contains(NaiveTime::from_hms_opt(17, 0, 0).unwrap()));
        assert!(!r.contains(NaiveTime::from_hms_opt(17, 1, 0).unwrap()));
        for bad in ["17:00-10:00", "10-17", "25:00-26:00", "10:00"] {
            assert!(bad.parse::<TimeRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn seasons_including_year_wrap() {
        let summer = Season {
            open: "04-01".parse().unwrap(),
            close: "11-30".parse().unwrap(),
        };
        let winter = Season {
            open: "11-01".parse().unwrap(),
            close: "03-31".parse().unwrap(),
        };
        let cases = [
            (summer, "2026-04-01", true),
            (summer, "2026-11-30", true),
            (summer, "2026-12-01", false),
            (summer, "2026-03-31", false),
            (winter, "2026-12-25", true),
            (winter, "2027-01-10", true),
            (winter, "2026-06-01", false),
            (winter, "2026-11-01", true),
        ];
        for (s, date, open) in cases {
            assert_eq!(s.contains(d(date)), open, "{s:?} {date}");
        }
        assert_eq!(summer.next_open_day(d("2026-12-10")), d("2027-04-01"));
        assert_eq!(summer.next_open_day(d("2026-02-10")), d("2026-04-01"));
        assert_eq!(winter.next_open_day(d("2026-06-10")), d("2026-11-01"));
    }

    #[test]
    fn money_is_exact() {
        let cny: Currency = "CNY".parse().unwrap();
        let m = Money::from_decimal("64.69".parse().unwrap(), cny).unwrap();
        assert_eq!(m.minor, 6469);
        assert_eq!(m.amount_string(), "64.69");
        let m = Money::from_decimal("16000".parse().unwrap(), cny).unwrap();
        assert_eq!(m.display(), "16,000 CNY");
        assert!(Money::from_decimal("1.234".parse().unwrap(), cny).is_err());
        assert!("12a".parse::<Decimal>().is_err());
        assert!("XXX".parse::<Currency>().is_err());
    }

    #[test]
    fn reported_dates() {
        for (s, shown) in [
            ("2024-09-29", "2024-09-29"),
            ("2024-09", "2024-09"),
            ("2024", "2024"),
            ("c. 2019", "c. 2019"),
            ("undated", "undated"),
        ] {
            assert_eq!(s.parse::<Reported>().unwrap().to_string(), shown);
        }
        for bad in ["2024-13", "sometime", "24", "c. soon"] {
            assert!(bad.parse::<Reported>().is_err(), "{bad}");
        }
    }
}
