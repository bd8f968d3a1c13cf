pub(crate) use poem::listener::TcpListener;
pub(crate) use poem::web::Json;
pub(crate) use poem::{get, handler, post, Route, Server};
