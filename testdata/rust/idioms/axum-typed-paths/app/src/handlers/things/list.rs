use site_paths::routes::things::Index;

use crate::auth::Session;

pub async fn index(Index { team }: Index, _session: Session) -> String {
    team.to_string()
}
