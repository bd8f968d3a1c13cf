// A helper that fails with the text of the database's error (`Result<_, String>`) hands it
// on: under a 500 it reaches the client.
use actix_web::{error, get, web, HttpRequest, HttpResponse};

fn org_names(req: &HttpRequest) -> Result<Vec<String>, String> {
    let pool = req.app_data::<web::Data<Pool>>().ok_or("no app data".to_string())?;
    pool.ids().map_err(|e| e.to_string())
}

#[get("/organisations")]
async fn organisations(req: HttpRequest) -> HttpResponse {
    match org_names(&req) {
        Ok(ids) => HttpResponse::Ok().json(ids),
        Err(resp) => error::ErrorInternalServerError(resp).into(), //~ leaky-error-response
    }
}
