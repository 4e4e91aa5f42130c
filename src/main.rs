/// The binary's allocator: a bump arena for the first megabytes (see src/arena.rs).
#[global_allocator]
static ALLOCATOR: crossings::arena::Arena = crossings::arena::Arena;

fn main() {
    std::process::exit(crossings::main_with(std::env::args_os()));
}
