fn main() {
    std::process::exit(crossings::main_with(std::env::args_os()));
}
