// A helper of the project that fails with string literals (`Result<_, &'static str>`)
// hands on a fixed phrase of the code, never an error's text: under a 500 it is no leak.
use actix_web::{error, get, web, HttpRequest, HttpResponse};

fn org_ids(req: &HttpRequest) -> Result<Vec<String>, &'static str> {
    let pool = req.app_data::<web::Data<Pool>>().ok_or("Unable to get app data")?;
    pool.ids().map_err(|e| {
        log::error!("db: {e}");
        "Unable to get db connection from pool"
    })
}

#[get("/organisations")]
async fn organisations(req: HttpRequest) -> HttpResponse {
    match org_ids(&req) {
        Ok(ids) => HttpResponse::Ok().json(ids),
        Err(resp) => error::ErrorInternalServerError(resp).into(),
    }
}
