//! `--env-file`: node's dotenv format. `KEY=value` lines, `#` comments,
//! an optional `export ` prefix, values in `'`, `"` or `` ` `` quotes that may
//! span lines (`\n` in double quotes is a newline). Variables already in the
//! environment win over the file's.

/// Parses dotenv text into `(key, value)` pairs, in file order.
pub fn parse(text: &str) -> Vec<(String, String)> {
    let text = text.replace("\r\n", "\n");
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        rest = after;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value_start)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim();
        let key = key.strip_prefix("export ").map_or(key, str::trim);
        if key.is_empty() {
            continue;
        }
        let value_start = value_start.trim_start();
        let (value, consumed) = value_of(value_start, rest);
        rest = &rest[consumed..];
        out.push((key.to_string(), value));
    }
    out
}

/// The value starting at `start` (the rest of its line); a quoted value may
/// continue into `following`, of which it returns how many bytes it used.
fn value_of(start: &str, following: &str) -> (String, usize) {
    let Some(quote) = start.chars().next().filter(|c| matches!(c, '"' | '\'' | '`')) else {
        return (unquoted(start), 0);
    };
    let body = &start[1..];
    if let Some(end) = body.find(quote) {
        return (quoted(&body[..end], quote), 0);
    }
    // Multi-line: look for the closing quote in the following lines.
    if let Some(end) = following.find(quote) {
        let value = format!("{body}\n{}", &following[..end]);
        let line_end = following[end..].find('\n').map_or(following.len(), |n| end + n + 1);
        return (quoted(&value, quote), line_end);
    }
    (unquoted(start), 0)
}

fn quoted(value: &str, quote: char) -> String {
    if quote == '"' {
        value.replace("\\n", "\n")
    } else {
        value.to_string()
    }
}

fn unquoted(value: &str) -> String {
    value.split_once('#').map_or(value, |(before, _)| before).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_quotes_and_comments() {
        let text = "# c\nA=1\nexport B = two # note\nC=\"x\\ny\"\nD='q # not'\nE=\"multi\nline\"\nF=\nnoequals\n";
        let got = parse(text);
        let want: Vec<(String, String)> =
            [("A", "1"), ("B", "two"), ("C", "x\ny"), ("D", "q # not"), ("E", "multi\nline"), ("F", "")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        assert_eq!(got, want);
    }
}
