use axum::extract::{Json, State};
use rusqlite::{params, Connection};
use serde::Deserialize;
use std::sync::{Arc, Mutex};

#[derive(Deserialize)]
pub struct Login {
    username: String,
    password: String,
}

/// A prepared statement's methods take its parameters (an array, a tuple, `params![..]`),
/// never SQL: the request values are bound, not spliced.
pub async fn login(State(db): State<Arc<Mutex<Connection>>>, Json(body): Json<Login>) -> String {
    let conn = db.lock().unwrap();
    let mut stmt = conn
        .prepare("SELECT password_hash FROM users WHERE username = ?")
        .unwrap();
    let hash: String = stmt.query_row([&body.username], |row| row.get(0)).unwrap();
    let mut audit = conn
        .prepare("INSERT INTO logins (username, ok) VALUES (?1, ?2)")
        .unwrap();
    audit.execute(params![body.username, hash == body.password]).unwrap();
    let mut seen = conn.prepare("SELECT count(*) FROM logins WHERE username = ?1").unwrap();
    let n: i64 = seen.query_row((&body.username,), |row| row.get(0)).unwrap();
    format!("{n}")
}
