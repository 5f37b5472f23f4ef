//! A serde adapter: a JSON value (a map of them, ...) stored as its JSON text, for formats such
//! as postcard that cannot carry a value whose type only the data knows. Use it with
//! `#[serde(with = "crate::as_json")]`.

use serde::{Deserialize, Deserializer, Serialize, Serializer, de::DeserializeOwned};

pub fn serialize<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
    s.serialize_str(&text)
}

pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let text = String::deserialize(d)?;
    serde_json::from_str(&text).map_err(serde::de::Error::custom)
}
