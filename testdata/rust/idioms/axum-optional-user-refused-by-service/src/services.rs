use axum::response::{IntoResponse, Response};
use axum::http::StatusCode;

pub enum Error {
    UnauthorizedActionForGuests,
    NotFound,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        match self {
            Error::UnauthorizedActionForGuests => StatusCode::UNAUTHORIZED.into_response(),
            Error::NotFound => StatusCode::NOT_FOUND.into_response(),
        }
    }
}

pub struct ProfileService;

impl ProfileService {
    pub async fn rename(&self, maybe_user: Option<u64>, name: &str) -> Result<(), Error> {
        let Some(user) = maybe_user else {
            return Err(Error::UnauthorizedActionForGuests);
        };
        let _ = (user, name);
        Ok(())
    }

    pub async fn private_shelf(&self, maybe_user: Option<u64>) -> Result<u64, Error> {
        let user = maybe_user.ok_or(Error::UnauthorizedActionForGuests)?;
        Ok(user)
    }

    pub async fn forget(&self, maybe_user: Option<u64>) -> Result<(), Error> {
        let Some(_user) = maybe_user else {
            return Err(Error::UnauthorizedActionForGuests);
        };
        Ok(())
    }
}

pub struct ShelfService;

impl ShelfService {
    pub async fn rename(&self, maybe_user: Option<u64>, name: &str) -> Result<(), Error> {
        let _ = (maybe_user, name);
        Err(Error::NotFound)
    }
}
