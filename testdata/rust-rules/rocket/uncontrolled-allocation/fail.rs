use rocket::get;

#[get("/stars/<n>")]
fn stars(n: usize) -> String {
    "*".repeat(n) //~ uncontrolled-allocation
}

#[get("/grid?<rows>&<cols>")]
fn grid(rows: u32, cols: u32) -> String {
    let mut out = String::with_capacity((rows * cols) as usize); //~ uncontrolled-allocation
    for _ in 0..rows { //~ uncontrolled-allocation
        out.push('.');
    }
    out
}
