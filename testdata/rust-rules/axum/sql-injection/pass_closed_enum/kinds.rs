use serde::Deserialize;

#[derive(Deserialize, Clone, derive_more::Display)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    #[display("created_at")]
    Created,
    #[display("amount")]
    Amount,
}

#[derive(Deserialize, Clone, Copy, strum::Display)]
pub enum Direction {
    #[strum(serialize = "ASC")]
    Asc,
    #[strum(serialize = "DESC")]
    Desc,
}

#[derive(Deserialize, strum::Display)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Bucket {
    Hour,
    Day,
    Week = 7,
}

#[derive(Deserialize)]
#[serde(tag = "kind")]
pub enum Report {
    Top {
        column: Option<Column>,
        direction: Option<Direction>,
    },
    Series {
        bucket: Bucket,
    },
}
