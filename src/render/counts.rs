//! The counts lists show: how many questions each tag, difficulty and level holds, and the
//! study panel's deck chooser with how many cards (questions, not articles) each part holds.

use super::Renderer;
use super::context::{Count, StudyPanel, StudySection, difficulty_url};
use crate::content::{Difficulty, Guide, Kind, Level, QuestionId, SectionId};

impl Renderer<'_> {
    /// What the study panel shows: the deck's sections, tags, difficulties and levels, with how
    /// many cards (questions, not articles) each holds.
    pub fn study_panel(&self) -> StudyPanel {
        let g = self.guide;
        let cards: Vec<QuestionId> = (0..g.questions.len())
            .filter(|&q| g.questions[q].kind == Kind::Question)
            .collect();
        StudyPanel {
            total: cards.len(),
            sections: self.study_sections(),
            tags: g
                .tags
                .iter()
                .map(|t| Count {
                    name: t.slug.clone(),
                    label: t.name.clone(),
                    url: t.url.clone(),
                    count: t
                        .questions
                        .iter()
                        .filter(|&&q| g.questions[q].kind == Kind::Question)
                        .count(),
                })
                .filter(|c| c.count > 0)
                .collect(),
            difficulties: self.difficulty_counts(&cards),
            levels: self.level_counts(),
            deck_src: crate::study::DECK_FILE,
        }
    }

    /// Every section that holds a question, depth first, for the deck chooser.
    fn study_sections(&self) -> Vec<StudySection> {
        fn walk(g: &Guide, s: SectionId, out: &mut Vec<StudySection>) {
            for &c in &g.sections[s].children {
                let count = g.cards_in(c);
                if count == 0 {
                    continue;
                }
                let section = &g.sections[c];
                out.push(StudySection {
                    title: section.title.clone(),
                    url: section.url.clone(),
                    depth: section.depth,
                    indent: "\u{a0}\u{a0}".repeat(section.depth.saturating_sub(1)),
                    count,
                });
                walk(g, c, out);
            }
        }
        let mut out = Vec::new();
        walk(self.guide, 0, &mut out);
        out
    }

    pub fn tag_counts(&self) -> Vec<Count> {
        self.guide
            .tags
            .iter()
            .map(|t| Count {
                name: t.slug.clone(),
                label: t.name.clone(),
                url: t.url.clone(),
                count: t.questions.len(),
            })
            .collect()
    }

    pub fn difficulty_counts(&self, ids: &[QuestionId]) -> Vec<Count> {
        Difficulty::ALL
            .into_iter()
            .map(|d| Count {
                name: d.name().into(),
                label: d.label().into(),
                url: difficulty_url(d),
                count: ids
                    .iter()
                    .filter(|&&q| self.guide.questions[q].difficulty == Some(d))
                    .count(),
            })
            .collect()
    }

    pub fn level_counts(&self) -> Vec<Count> {
        Level::ALL
            .into_iter()
            .map(|l| Count {
                name: l.name().into(),
                label: l.name().into(),
                url: String::new(),
                count: self
                    .guide
                    .questions
                    .iter()
                    .filter(|q| q.kind == Kind::Question && q.levels.contains(&l))
                    .count(),
            })
            .collect()
    }
}
