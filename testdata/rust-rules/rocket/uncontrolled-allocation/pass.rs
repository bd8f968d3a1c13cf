use rocket::get;

#[get("/stars/<n>")]
fn stars(n: usize) -> String {
    "*".repeat(n.min(100))
}

#[get("/grid?<rows>")]
fn grid(rows: u8) -> String {
    let mut out = String::new();
    for _ in 0..rows {
        out.push('.');
    }
    out
}
