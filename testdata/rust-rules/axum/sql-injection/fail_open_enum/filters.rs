use serde::Deserialize;

#[derive(Deserialize, strum::Display)]
pub enum Order {
    Newest,
    Oldest,
    #[strum(to_string = "{0}")]
    Column(String),
}
