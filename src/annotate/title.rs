//! The `title` of the front matter `annotate` adds to an article that has
//! none: its first heading when the article opens with one, else its first
//! line when that stands alone and looks like a headline. Nothing invented:
//! no title rather than a lede.

/// The longest first line taken for a headline.
const MAX_TITLE: usize = 160;

pub fn title(text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let first = lines.next()?.trim();
    let next = lines.next().map_or("", str::trim);
    let title = if let Some(rest) = atx_heading(first) {
        rest
    } else if !next.is_empty() && next.chars().all(|c| c == '=' || c == '-') {
        first // a setext heading
    } else {
        let list_or_quote = first.starts_with(['-', '*', '+', '>', '|', '`', '<', '“', '"', '['])
            || first
                .split_once(". ")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
        // A headline is one phrase: no sentence ends inside it.
        let sentences = [". ", "? ", "! ", ".” ", ",” ", ".\" ", ",\" "]
            .iter()
            .any(|end| first.contains(end))
            || first.ends_with([',', '.', ':', ';'])
            || [".”", ",”", ".\"", ",\""]
                .iter()
                .any(|end| first.ends_with(end));
        let headline =
            next.is_empty() && first.chars().count() <= MAX_TITLE && !sentences && !list_or_quote;
        if !headline {
            return None;
        }
        first
    };
    let title = title.trim();
    title
        .chars()
        .any(char::is_alphabetic)
        .then(|| title.to_string())
}

/// The text of an ATX heading line (`# Title #`).
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

#[cfg(test)]
mod tests {
    use super::title;

    #[test]
    fn a_heading_or_a_headline_line_and_nothing_else() {
        assert_eq!(
            title("# Storm hits coast #\n\nText.").as_deref(),
            Some("Storm hits coast")
        );
        assert_eq!(
            title("\n\nStorm hits coast\n\nText.").as_deref(),
            Some("Storm hits coast")
        );
        assert_eq!(
            title("Storm hits coast\n===\n").as_deref(),
            Some("Storm hits coast")
        );
        assert_eq!(title("The storm hit the coast on Monday.\n\nMore."), None);
        assert_eq!(
            title("Storm hits coast\nand more text in the same paragraph"),
            None
        );
        assert_eq!(title("“We will rebuild,” she said\n"), None);
        assert_eq!(title("- a list item\n"), None);
        assert_eq!(title("Lopez arrived. “We will,” she said.\n\nMore."), None);
        assert_eq!(
            title("Mayor on flood: “We will rebuild”\n").as_deref(),
            Some("Mayor on flood: “We will rebuild”")
        );
        assert_eq!(
            title("#hashtag\n").as_deref(),
            Some("#hashtag"),
            "no heading, a line"
        );
        assert_eq!(title(""), None);
    }
}
