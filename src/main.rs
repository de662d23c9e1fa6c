fn main() {
    // Panics are reported by kato itself as one ERROR line.
    std::panic::set_hook(Box::new(|_| {}));
    let code = kato::cli::run(std::env::args().collect());
    std::process::exit(code);
}
