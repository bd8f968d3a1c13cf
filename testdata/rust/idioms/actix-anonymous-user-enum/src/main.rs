// An extractor whose type is an enum with a variant for no one (`Visitor::Anonymous`) never
// turns a caller away: routes taking it are optional, unless the handler asks it for the
// account and hands the 401 on (`visitor.require()?`). An extractor built on it (a project
// hidden from strangers) is optional too. Starting single sign-on is an entry point.
use actix_web::web::to;
use actix_web::{get, post, App, HttpResponse, HttpServer, Responder};

mod user;
use user::{Principal, Project, Visitor};

#[get("/explore")]
async fn explore(visitor: Visitor) -> impl Responder {
    match visitor.account() {
        Some(a) => format!("projects for {}", a.name),
        None => "public projects".to_string(),
    }
}

#[post("/projects")]
async fn create_project(visitor: Visitor) -> actix_web::Result<impl Responder> {
    let account = visitor.require()?;
    Ok(format!("created for {}", account.name))
}

#[get("/{owner}/{name}")]
async fn show_project(project: Project) -> impl Responder {
    format!("project of {}", project.owner)
}

#[get("/{owner}/{name}/readme")]
async fn readme(visitor: Visitor, project: Project) -> actix_web::Result<impl Responder> {
    // Refuses strangers a private project only: anonymous callers read public ones.
    visitor.may_read(&project)?;
    Ok(format!("readme of {}", project.owner))
}

#[get("/members/me")]
async fn me(principal: Principal) -> impl Responder {
    match principal {
        Principal::Member(name) => name,
        Principal::NotLoggedIn => String::new(),
    }
}

#[get("/sso/{provider}")]
async fn start_sso(visitor: Visitor) -> actix_web::Result<impl Responder> {
    if visitor.account().is_some() {
        return Err(actix_web::error::ErrorUnauthorized("already signed in"));
    }
    Ok(HttpResponse::Found().finish())
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .service(explore)
            .service(create_project)
            .service(start_sso)
            .service(show_project)
            .service(readme)
            .service(me)
            .route("/robots.txt", to(|| async { "User-agent: *" }))
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
