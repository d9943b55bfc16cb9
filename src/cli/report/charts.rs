//! The report's bar charts as inline SVG, drawn by plotters' SVG backend
//! (text as `<text>` in the reader's sans-serif font: no font file, no
//! bitmap), with a `<title>` and `role="img"` added for screen readers. Each
//! chart stands beside a table of its numbers in the page.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar: its label, its length, and the number written at its end.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

/// The length of the value axis.
#[derive(Clone, Copy)]
pub enum Scale {
    /// From 0 to a little more than the longest bar.
    Count,
    /// From 0 to 100 (%).
    Percent,
}

/// The width of a chart alone on its line, and of one beside its table.
pub const WIDE: u32 = 860;
pub const NARROW: u32 = 600;
const BAR_COLOR: RGBColor = RGBColor(0x2f, 0x5d, 0x8a);
const AXIS_COLOR: RGBColor = RGBColor(0x44, 0x44, 0x44);
const FONT: &str = "sans-serif";
/// Labels longer than this are cut, with an ellipsis (the table beside the
/// chart has them whole).
const LABEL_CHARS: usize = 34;

/// Horizontal bars, the first at the top: for names.
pub fn bars(id: &str, title: &str, axis: &str, bars: &[Bar], scale: Scale, width: u32) -> String {
    let n = slots(bars);
    let height = 56 + 26 * n as u32;
    let labels: Vec<String> = bars.iter().map(|b| cut(&b.label)).collect();
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let label_area = (longest as u32 * 7 + 16).clamp(60, 270);
    draw(id, title, (width, height), |root| {
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_right(60)
            .x_label_area_size(36)
            .y_label_area_size(label_area)
            // A range of integers includes its end: `0..n - 1` holds n slots.
            .build_cartesian_2d(0f64..top(bars, scale), (0..n - 1).into_segmented())?;
        // Segment `i` from the bottom holds bar `n - 1 - i`.
        let label_of = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) if *i < n => {
                labels.get(n - 1 - i).cloned().unwrap_or_default()
            }
            _ => String::new(),
        };
        let percent = |v: &f64| format!("{v:.0} %");
        let count = |v: &f64| format!("{v:.0}");
        let mut mesh = chart.configure_mesh();
        mesh.disable_y_mesh()
            .y_labels(n)
            .y_label_formatter(&label_of)
            .x_labels(6)
            .x_desc(axis)
            .label_style((FONT, 15).into_font().color(&AXIS_COLOR))
            .axis_desc_style((FONT, 15).into_font().color(&AXIS_COLOR))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd));
        match scale {
            Scale::Percent => mesh.x_label_formatter(&percent),
            Scale::Count => mesh.x_label_formatter(&count),
        };
        mesh.draw()?;
        chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let row = n - 1 - i;
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(row)),
                    (b.value, SegmentValue::Exact(row + 1)),
                ],
                BAR_COLOR.filled(),
            );
            bar.set_margin(4, 4, 0, 0);
            bar
        }))?;
        chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            EmptyElement::at((b.value, SegmentValue::CenterOf(n - 1 - i)))
                + Text::new(
                    b.shown.clone(),
                    (4, 0),
                    (FONT, 15)
                        .into_font()
                        .color(&BLACK)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                )
        }))?;
        Ok(())
    })
}

/// Vertical columns from left to right: for months. With many columns only
/// some are labelled.
pub fn columns(id: &str, title: &str, axis: &str, bars: &[Bar], scale: Scale) -> String {
    let n = slots(bars);
    let labels: Vec<String> = bars.iter().map(|b| cut(&b.label)).collect();
    // Columns at most 56 pixels wide, however few there are.
    let gap = ((WIDE - 80) / n as u32).saturating_sub(56).max(4) / 2;
    draw(id, title, (WIDE, 300), |root| {
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .margin_top(24)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d((0..n - 1).into_segmented(), 0f64..top(bars, scale))?;
        let label_of = |v: &SegmentValue<usize>| match v {
            SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        let percent = |v: &f64| format!("{v:.0} %");
        let count = |v: &f64| format!("{v:.0}");
        let mut mesh = chart.configure_mesh();
        mesh.disable_x_mesh()
            .x_labels(n.min(12))
            .x_label_formatter(&label_of)
            .y_labels(6)
            .y_desc(axis)
            .label_style((FONT, 15).into_font().color(&AXIS_COLOR))
            .axis_desc_style((FONT, 15).into_font().color(&AXIS_COLOR))
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd));
        match scale {
            Scale::Percent => mesh.y_label_formatter(&percent),
            Scale::Count => mesh.y_label_formatter(&count),
        };
        mesh.draw()?;
        chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(i), 0.0),
                    (SegmentValue::Exact(i + 1), b.value),
                ],
                BAR_COLOR.filled(),
            );
            bar.set_margin(0, 0, gap, gap);
            bar
        }))?;
        // Numbers over the columns only while they fit.
        if n <= 24 {
            chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
                EmptyElement::at((SegmentValue::CenterOf(i), b.value))
                    + Text::new(
                        b.shown.clone(),
                        (0, -3),
                        (FONT, 14)
                            .into_font()
                            .color(&BLACK)
                            .pos(Pos::new(HPos::Center, VPos::Bottom)),
                    )
            }))?;
        }
        Ok(())
    })
}

/// How many slots an axis of bars has: one per bar, and at least two, as
/// plotters cannot map onto a range of one value (`0..0`).
fn slots(bars: &[Bar]) -> usize {
    bars.len().max(2)
}

/// The end of the value axis.
fn top(bars: &[Bar], scale: Scale) -> f64 {
    match scale {
        Scale::Percent => 100.0,
        Scale::Count => {
            let max = bars.iter().map(|b| b.value).fold(0.0, f64::max);
            (max * 1.1).max(1.0)
        }
    }
}

fn cut(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let kept: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type Drawn<'a> = Result<(), DrawingAreaErrorKind<<SVGBackend<'a> as DrawingBackend>::ErrorType>>;

/// An SVG of `size` drawn by `paint`, labelled by `title` for assistive
/// technology. A chart that cannot be drawn (plotters reports an error,
/// which drawing to a string should never do) becomes its title in words:
/// the table beside it still has the numbers.
fn draw(id: &str, title: &str, size: (u32, u32), paint: impl FnOnce(Area) -> Drawn) -> String {
    let mut svg = String::new();
    let drawn = {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)
            .and_then(|()| paint(root.clone()))
            .and_then(|()| root.present())
    };
    match (drawn, svg.find('>')) {
        (Ok(()), Some(end)) if svg.starts_with("<svg ") => {
            let label = maud::html! { title id=(id) { (title) } }.into_string();
            format!(
                "<svg role=\"img\" aria-labelledby=\"{id}\" {}>{label}{}",
                &svg["<svg ".len()..end],
                &svg[end + 1..]
            )
        }
        _ => maud::html! { p { (title) } }.into_string(),
    }
}
