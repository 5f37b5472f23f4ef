//! Readable code colours: many editor themes put comments and some tokens below the WCAG AA
//! contrast of 4.5:1 against their own background. Before its stylesheet is written, each
//! foreground colour of a theme is moved toward black (on a light background) or white (on a
//! dark one) until it reaches that contrast, keeping its hue as far as possible.

use syntect::highlighting::{Color, Theme};

/// WCAG 2 AA for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// A copy of `theme` whose every foreground colour reaches [`MIN_CONTRAST`] on its background.
pub fn readable(theme: &Theme) -> Theme {
    let mut theme = theme.clone();
    let bg = theme.settings.background.unwrap_or(Color::WHITE);
    if let Some(fg) = theme.settings.foreground {
        theme.settings.foreground = Some(ensure(fg, bg));
    }
    for item in &mut theme.scopes {
        if let Some(fg) = item.style.foreground {
            // A rule with its own background is judged against it.
            let against = item.style.background.unwrap_or(bg);
            item.style.foreground = Some(ensure(fg, against));
        }
    }
    theme
}

/// `fg`, or the smallest blend of it toward black or white that reaches the minimum on `bg`
/// (toward black first on a light background, toward white first on a dark one).
pub fn ensure(fg: Color, bg: Color) -> Color {
    if contrast(fg, bg) >= MIN_CONTRAST {
        return fg;
    }
    let (first, second) = if luminance(bg) > 0.5 {
        (Color::BLACK, Color::WHITE)
    } else {
        (Color::WHITE, Color::BLACK)
    };
    let steps = |target: Color| {
        (1..=50)
            .map(move |step| blend(fg, target, f64::from(step) / 50.0))
            .find(|c| contrast(*c, bg) >= MIN_CONTRAST)
    };
    steps(first)
        .or_else(|| steps(second))
        // No blend reaches it (only on a mid-grey background): take the stronger extreme.
        .unwrap_or(if contrast(Color::BLACK, bg) > contrast(Color::WHITE, bg) {
            Color::BLACK
        } else {
            Color::WHITE
        })
}

fn blend(a: Color, b: Color, t: f64) -> Color {
    let mix = |x: u8, y: u8| (f64::from(x) * (1.0 - t) + f64::from(y) * t).round() as u8;
    Color {
        r: mix(a.r, b.r),
        g: mix(a.g, b.g),
        b: mix(a.b, b.b),
        a: a.a,
    }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

/// WCAG contrast ratio, 1 to 21.
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 0xff }
    }

    #[test]
    fn contrast_matches_the_wcag_formula() {
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 1e-9);
        // InspiredGitHub's comment grey on white, as axe measured it.
        assert!((contrast(rgb(0x96, 0x98, 0x96), Color::WHITE) - 2.9).abs() < 0.05);
    }

    #[test]
    fn faint_colours_are_darkened_on_light_and_lightened_on_dark() {
        let grey = ensure(rgb(0x96, 0x98, 0x96), Color::WHITE);
        assert!(contrast(grey, Color::WHITE) >= MIN_CONTRAST);
        assert!(grey.r < 0x96, "darker");
        let bg = rgb(0x28, 0x2c, 0x34);
        let comment = ensure(rgb(0x5c, 0x63, 0x70), bg);
        assert!(contrast(comment, bg) >= MIN_CONTRAST);
        assert!(comment.r > 0x5c, "lighter");
        let fine = rgb(0x1f, 0x23, 0x28);
        assert_eq!(
            ensure(fine, Color::WHITE),
            fine,
            "readable colours are kept"
        );
    }

    #[test]
    fn every_built_in_theme_becomes_readable() {
        let set = two_face::theme::LazyThemeSet::from(two_face::theme::extra());
        for name in set.theme_names() {
            let Some(theme) = set.get(name) else { continue };
            let fixed = readable(theme);
            let bg = fixed.settings.background.unwrap_or(Color::WHITE);
            for item in &fixed.scopes {
                if let Some(fg) = item.style.foreground {
                    let against = item.style.background.unwrap_or(bg);
                    let best = contrast(Color::BLACK, against).max(contrast(Color::WHITE, against));
                    assert!(
                        contrast(fg, against) >= MIN_CONTRAST.min(best) - 0.01,
                        "{name}"
                    );
                }
            }
        }
    }
}
