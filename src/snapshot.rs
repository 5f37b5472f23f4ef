//! The loaded guide and its search index as the last build left them, saved in the cache folder
//! so that the next `prepbook build` can patch in an edit instead of loading everything again
//! ([`crate::incremental`]). One file: a header naming the format and Prepbook's version, then
//! length-prefixed postcard records (the guide's frame and search index, then each question).
//! A file that is missing, of another version, truncated or damaged is simply not used.

use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::content::{Asset, Guide, Question, Section, Tag};
use crate::freshness::Inputs;
use crate::search::SearchIndex;

const FILE: &str = "guide-state.bin";
const MAGIC: &[u8] = b"prepbook guide state\n";
/// Bumped whenever what is saved changes shape.
const FORMAT: u32 = 4;
/// Questions serialized at once, in parallel, before they are written in order.
const BATCH: usize = 512;

/// What the next build starts from.
pub struct State {
    /// The inputs the saved guide was loaded from.
    pub inputs: Inputs,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub tags: Vec<Tag>,
    pub assets: Vec<Asset>,
    pub search: Option<SearchIndex>,
}

impl State {
    /// The guide, with the configuration it was loaded with.
    pub fn into_guide(self, config: Config) -> (Guide, Option<SearchIndex>, Inputs) {
        let guide = Guide {
            config,
            sections: self.sections,
            questions: self.questions,
            tags: self.tags,
            assets: self.assets,
        };
        (guide, self.search, self.inputs)
    }
}

#[derive(Serialize)]
struct FrameOut<'a> {
    inputs: &'a Inputs,
    questions: usize,
    sections: &'a [Section],
    tags: &'a [Tag],
    assets: &'a [Asset],
    search: Option<&'a SearchIndex>,
}

#[derive(Deserialize)]
struct FrameIn {
    inputs: Inputs,
    questions: usize,
    sections: Vec<Section>,
    tags: Vec<Tag>,
    assets: Vec<Asset>,
    search: Option<SearchIndex>,
}

/// The default language's state is `guide-state.bin`, each translation's view beside it
/// (`guide-state.zh.bin`).
fn path(config: &Config) -> PathBuf {
    match &config.view {
        None => config.cache_dir().join(FILE),
        Some(code) => config.cache_dir().join(format!("guide-state.{code}.bin")),
    }
}

/// Saves `guide` and `search`, loaded from `inputs`, for the next build. Written beside and
/// renamed into place, so a reader never sees half a file; a failure only costs the next build
/// time, so it is not an error.
pub fn save(guide: &Guide, search: Option<&SearchIndex>, inputs: &Inputs) {
    let dir = guide.config.cache_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let tmp = crate::scratch::beside(&path(&guide.config));
    let written = write(&tmp, guide, search, inputs);
    crate::output::pause_at("state-written");
    if written.is_ok() && std::fs::rename(&tmp, path(&guide.config)).is_ok() {
        return;
    }
    let _ = std::fs::remove_file(&tmp);
}

fn write(
    tmp: &std::path::Path,
    guide: &Guide,
    search: Option<&SearchIndex>,
    inputs: &Inputs,
) -> std::io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(tmp)?);
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT.to_le_bytes())?;
    record(&mut out, env!("CARGO_PKG_VERSION").as_bytes())?;
    let frame = FrameOut {
        inputs,
        questions: guide.questions.len(),
        sections: &guide.sections,
        tags: &guide.tags,
        assets: &guide.assets,
        search,
    };
    record(
        &mut out,
        &postcard::to_stdvec(&frame).map_err(std::io::Error::other)?,
    )?;
    for batch in guide.questions.chunks(BATCH) {
        let encoded: Vec<Result<Vec<u8>, postcard::Error>> =
            batch.par_iter().map(postcard::to_stdvec).collect();
        for bytes in encoded {
            record(&mut out, &bytes.map_err(std::io::Error::other)?)?;
        }
    }
    out.flush()
}

fn record(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_le_bytes())?;
    out.write_all(bytes)
}

/// The state the last build saved, if there is one this version of Prepbook can read whole.
pub fn load(config: &Config) -> Option<State> {
    let file = std::fs::File::open(path(config)).ok()?;
    let size = file.metadata().ok()?.len();
    let mut input = Records {
        reader: BufReader::with_capacity(1 << 20, file),
        left: size,
        buf: Vec::new(),
    };
    let mut magic = vec![0; MAGIC.len()];
    input.exact(&mut magic)?;
    let mut format = [0; 4];
    input.exact(&mut format)?;
    if magic != MAGIC || u32::from_le_bytes(format) != FORMAT {
        return None;
    }
    if input.next()? != env!("CARGO_PKG_VERSION").as_bytes() {
        return None;
    }
    let frame: FrameIn = postcard::from_bytes(input.next()?).ok()?;
    let mut questions = Vec::with_capacity(frame.questions.min(1 << 20));
    for _ in 0..frame.questions {
        questions.push(postcard::from_bytes(input.next()?).ok()?);
    }
    // Nothing may follow the last question.
    (input.left == 0).then_some(State {
        inputs: frame.inputs,
        sections: frame.sections,
        questions,
        tags: frame.tags,
        assets: frame.assets,
        search: frame.search,
    })
}

/// Reads length-prefixed records, never trusting a length beyond what the file holds.
struct Records {
    reader: BufReader<std::fs::File>,
    left: u64,
    buf: Vec<u8>,
}

impl Records {
    fn exact(&mut self, into: &mut [u8]) -> Option<()> {
        self.left = self.left.checked_sub(into.len() as u64)?;
        self.reader.read_exact(into).ok()
    }

    fn next(&mut self) -> Option<&[u8]> {
        let mut len = [0; 8];
        self.exact(&mut len)?;
        let len = u64::from_le_bytes(len);
        if len > self.left {
            return None;
        }
        self.buf.resize(usize::try_from(len).ok()?, 0);
        let mut buf = std::mem::take(&mut self.buf);
        let read = self.exact(&mut buf);
        self.buf = buf;
        read.map(|()| self.buf.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide() -> (tempfile::TempDir, Guide) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"T\"\n").expect("write");
        std::fs::create_dir_all(dir.path().join("content/s")).expect("mkdir");
        std::fs::write(
            dir.path().join("content/s/q.md"),
            "---\ntitle: Q?\ntags: [a]\nodd: {x: [1, 2]}\n---\n\nText with `code`.\n\n## Answer\n\n```python\nprint(1)\n```\n",
        )
        .expect("write");
        let config = Config::load(dir.path()).expect("config");
        let hl = crate::highlight::Highlighter::new(
            &config.highlight,
            crate::highlight::HighlightCache::disabled(),
        )
        .expect("highlighter");
        let diags = crate::diagnostics::Diagnostics::default();
        let guide =
            crate::content::load(&config, &hl, &diags, &crate::progress::Progress::hidden())
                .expect("guide");
        (dir, guide)
    }

    #[test]
    fn a_saved_guide_loads_back_the_same() {
        let (_dir, guide) = guide();
        let inputs = Inputs::scan(&guide.config, false).expect("scan");
        save(&guide, None, &inputs);
        let state = load(&guide.config).expect("the state loads");
        assert_eq!(state.inputs, inputs);
        let (back, search, _) = state.into_guide(guide.config.clone());
        assert!(search.is_none());
        assert_eq!(
            format!("{:?}", back.questions),
            format!("{:?}", guide.questions)
        );
        assert_eq!(
            format!("{:?}", back.sections),
            format!("{:?}", guide.sections)
        );
        assert_eq!(back.questions[0].source.front.extra["odd"]["x"][1], 2);
    }

    #[test]
    fn a_damaged_or_foreign_state_is_not_used() {
        let (_dir, guide) = guide();
        let inputs = Inputs::scan(&guide.config, false).expect("scan");
        save(&guide, None, &inputs);
        let file = path(&guide.config);
        let bytes = std::fs::read(&file).expect("read");
        for cut in [0, 10, MAGIC.len() + 4, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&file, &bytes[..cut]).expect("write");
            assert!(load(&guide.config).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&file, &longer).expect("write");
        assert!(load(&guide.config).is_none(), "trailing bytes");
        let mut other = bytes.clone();
        other[MAGIC.len()] ^= 1;
        std::fs::write(&file, &other).expect("write");
        assert!(load(&guide.config).is_none(), "another format");
        let mut flipped = bytes;
        let at = flipped.len() - 40;
        flipped[at..].iter_mut().for_each(|b| *b = 0xff);
        std::fs::write(&file, &flipped).expect("write");
        assert!(load(&guide.config).is_none(), "damaged bytes");
    }
}
