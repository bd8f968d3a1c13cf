use site_paths::routes::things::{Delete, Index};

use crate::auth::Session;

pub async fn create(Index { team }: Index, _session: Session) -> String {
    team.to_string()
}

pub async fn remove(Delete { team, id }: Delete, _session: Session) -> String {
    format!("{team}/{id}")
}
