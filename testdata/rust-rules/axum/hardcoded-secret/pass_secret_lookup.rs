// A secret looked up by its name in a store is no secret written in the source.
pub struct Secrets;

impl Secrets {
    pub async fn get_secret(&self, _name: &str) -> Option<String> {
        std::env::var("SPICE_KEY").ok()
    }
    pub fn read_password(&self, _key: &str) -> Option<String> {
        None
    }
}

pub async fn api_key(store: &Secrets) -> Option<String> {
    let key = store.get_secret("cloud_api_key_prod").await?;
    let _db = store.read_password("primary-db-password-2");
    Some(key)
}
