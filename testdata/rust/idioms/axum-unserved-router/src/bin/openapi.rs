fn main() {
    println!("{}", axum_unserved_router::generate_spec());
}
