//! The region as an SVG picture: country shapes and names, every crossing a symbol coloured
//! by its state on a date, a legend and the date; optionally itineraries drawn over it.

use super::state::State;

/// The fill colour of a state: green open, amber for "open, but", reds and greys for closed.
/// Chosen to stay apart for the common forms of colour blindness; the symbol's shape says
/// open (circle) or closed (square) as well.
pub fn color(s: State) -> &'static str {
    match s {
        State::Open => "#1a9850",
        State::DaysUnknown => "#91cf60",
        State::CitizensOnly => "#fdae61",
        State::Weekend => "#4575b4",
        State::Holiday => "#d73027",
        State::Season => "#74add1",
        State::Notice => "#762a83",
        State::Uncertain => "#999999",
    }
}
