use std::future::{ready, Ready};

use actix_identity::Identity;
use actix_web::{dev::Payload, error, FromRequest, HttpRequest};

pub struct Account {
    pub name: String,
}

/// Whoever sent the request: someone signed in, or no one.
pub enum Visitor {
    Anonymous,
    SignedIn(Account),
}

impl Visitor {
    pub fn account(&self) -> Option<&Account> {
        match self {
            Visitor::SignedIn(a) => Some(a),
            Visitor::Anonymous => None,
        }
    }

    /// Whether this visitor may read a project: anyone a public one, its owner a private one.
    pub fn may_read(&self, project: &Project) -> actix_web::Result<()> {
        let owner = self.account().is_some_and(|a| a.name == project.owner);
        if project.public || owner {
            Ok(())
        } else {
            Err(error::ErrorForbidden("private project"))
        }
    }

    /// The signed-in account, or 401.
    pub fn require(self) -> actix_web::Result<Account> {
        match self {
            Visitor::SignedIn(a) => Ok(a),
            Visitor::Anonymous => Err(error::ErrorUnauthorized("sign in first")),
        }
    }
}

impl FromRequest for Visitor {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let visitor = match Identity::from_request(req, payload).into_inner() {
            Ok(id) => match id.id() {
                Ok(name) => Visitor::SignedIn(Account { name }),
                Err(_) => Visitor::Anonymous,
            },
            Err(_) => Visitor::Anonymous,
        };
        ready(Ok(visitor))
    }
}

pub struct Project {
    pub public: bool,
    pub owner: String,
}

/// The project named in the path, hidden (404) from anyone but its owner when private.
impl FromRequest for Project {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let visitor = Visitor::from_request(req, payload).into_inner();
        let owner = req.match_info().get("owner").unwrap_or_default().to_string();
        let project = Project { public: owner.len() % 2 == 0, owner };
        let sees = project.public
            || matches!(&visitor, Ok(Visitor::SignedIn(a)) if a.name == project.owner);
        ready(if sees {
            Ok(project)
        } else {
            Err(error::ErrorNotFound("no such project"))
        })
    }
}

/// A member of the organisation, read from a session: an extractor that refuses the variant
/// for no one with 401 requires auth, whatever its enum holds.
pub enum Principal {
    NotLoggedIn,
    Member(String),
}

fn principal_of(req: &HttpRequest) -> Principal {
    match req.headers().get("authorization") {
        Some(v) => Principal::Member(v.to_str().unwrap_or_default().to_string()),
        None => Principal::NotLoggedIn,
    }
}

impl FromRequest for Principal {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match principal_of(req) {
            Principal::NotLoggedIn => Err(error::ErrorUnauthorized("sign in")),
            p => Ok(p),
        })
    }
}
