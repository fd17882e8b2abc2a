fn main() -> std::process::ExitCode {
    outnumber::cli::main()
}
