fn main() {
    // Panics are reported by kato itself as one ERROR line.
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().collect();
    let code = std::panic::catch_unwind(|| kato::cli::run(args)).unwrap_or_else(|_| {
        eprintln!("ERROR: internal error (kato stopped on a bug); run with KATO_DEBUG=1 and report it");
        1
    });
    std::process::exit(code);
}
