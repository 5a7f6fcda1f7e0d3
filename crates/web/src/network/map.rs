//! The network map: organisations as nodes grouped by kind, the links between them (shared
//! projects, shared agreements, people who worked at both) as lines, and the same content as text
//! for those who do not see the drawing.

use crate::auth::{access, Session};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{render, Frame};
use crate::state::AppState;
use crate::svg::num;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;
use std::f64::consts::PI;
use vaski_domain::network::OrganisationKind;
use vaski_store::network::health::{self, Link, Node};

/// How many organisations a map draws; the least linked beyond this are left out.
pub const MAX_NODES: i64 = 200;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/network/map", get(page))
        .route("/network/map.svg", get(bare_svg))
}

// ---------------------------------------------------------------------------------------------
// Layout: pure geometry, no database and no language, so that it can be tested on its own.

/// Radius of a node's circle.
pub const NODE_RADIUS: f64 = 7.0;
/// Scale of the sunflower spiral within a cluster; with this the closest two nodes of a cluster
/// are about 1.55 × 13 ≈ 20 units apart, leaving a visible gap between circles of radius 7.
const SPIRAL: f64 = 13.0;
/// Free space between two clusters (with their labels) and around the whole drawing.
const CLUSTER_GAP: f64 = 30.0;
const MARGIN: f64 = 12.0;
/// Room above a cluster for its label, and the width of one label character at font size 12.
pub const LABEL_HEIGHT: f64 = 18.0;
const LABEL_CHAR_WIDTH: f64 = 7.0;
/// The golden angle: successive nodes turn by it, which spreads any number of them evenly.
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// A cluster to lay out: how many nodes it has and how many characters its label has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Group {
    pub size: usize,
    pub label_chars: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn distance(self, other: Point) -> f64 {
        ((self.x - other.x).powi(2) + (self.y - other.y).powi(2)).sqrt()
    }
}

/// Where a cluster went: its centre, the radius its nodes fill, the radius that also covers its
/// label, and the label's baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGroup {
    pub centre: Point,
    pub radius: f64,
    pub extent: f64,
    pub label: Point,
    /// The node positions, in the order the group's nodes were given (most linked first: they
    /// sit in the middle, where lines reach them most easily).
    pub nodes: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub groups: Vec<PlacedGroup>,
}

/// The offset of node `i` of a cluster from its centre: a sunflower (Vogel) spiral, whose points
/// keep an almost even distance from each other for any count.
fn spiral(i: usize) -> Point {
    let r = SPIRAL * (i as f64 + 0.5).sqrt();
    let a = i as f64 * GOLDEN_ANGLE;
    Point {
        x: r * a.cos(),
        y: r * a.sin(),
    }
}

fn cluster_radius(size: usize) -> f64 {
    if size == 0 {
        0.0
    } else {
        SPIRAL * (size as f64 - 0.5).sqrt() + NODE_RADIUS
    }
}

fn label_width(chars: usize) -> f64 {
    chars as f64 * LABEL_CHAR_WIDTH
}

/// Lays the groups out: each is a sunflower disc, and the discs sit around a ring (in the given
/// order, clockwise from the top) just wide enough that no two of them, labels included, touch.
/// Lines between clusters then cross the open middle of the ring instead of other clusters.
/// Deterministic: the same groups always give the same layout.
pub fn layout(groups: &[Group]) -> Layout {
    let radii: Vec<f64> = groups.iter().map(|g| cluster_radius(g.size)).collect();
    // The smallest circle around a cluster's disc and the label box above it: the label's far
    // corners are the farthest points from the centre.
    let extents: Vec<f64> = groups
        .iter()
        .zip(&radii)
        .map(|(g, r)| {
            let half = label_width(g.label_chars) / 2.0;
            (half.powi(2) + (r + LABEL_HEIGHT).powi(2)).sqrt()
        })
        .collect();
    let centres = ring(&extents);
    let placed: Vec<PlacedGroup> = groups
        .iter()
        .enumerate()
        .map(|(k, g)| {
            let c = centres[k];
            PlacedGroup {
                centre: c,
                radius: radii[k],
                extent: extents[k],
                label: Point {
                    x: c.x,
                    // Baseline a little above the disc; descenders stay clear of the nodes.
                    y: c.y - radii[k] - 5.0,
                },
                nodes: (0..g.size)
                    .map(|i| {
                        let o = spiral(i);
                        Point {
                            x: c.x + o.x,
                            y: c.y + o.y,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    // Move everything so that the covering circles start at the margin; the viewBox then starts
    // at 0 0 and the drawing is exactly as large as it needs to be.
    let min_x = placed
        .iter()
        .map(|p| p.centre.x - p.extent)
        .fold(f64::INFINITY, f64::min);
    let min_y = placed
        .iter()
        .map(|p| p.centre.y - p.extent)
        .fold(f64::INFINITY, f64::min);
    let max_x = placed
        .iter()
        .map(|p| p.centre.x + p.extent)
        .fold(f64::NEG_INFINITY, f64::max);
    let max_y = placed
        .iter()
        .map(|p| p.centre.y + p.extent)
        .fold(f64::NEG_INFINITY, f64::max);
    if placed.is_empty() {
        return Layout {
            width: 2.0 * MARGIN,
            height: 2.0 * MARGIN,
            groups: placed,
        };
    }
    let dx = MARGIN - min_x;
    let dy = MARGIN - min_y;
    let shift = |p: Point| Point {
        x: p.x + dx,
        y: p.y + dy,
    };
    let groups = placed
        .into_iter()
        .map(|g| PlacedGroup {
            centre: shift(g.centre),
            label: shift(g.label),
            nodes: g.nodes.into_iter().map(shift).collect(),
            ..g
        })
        .collect();
    Layout {
        width: max_x - min_x + 2.0 * MARGIN,
        height: max_y - min_y + 2.0 * MARGIN,
        groups,
    }
}

/// Centres for circles of the given radii around a ring centred on the origin. Each circle gets
/// an arc in proportion to its size; the ring's radius is then the smallest at which every pair
/// of circles is at least `CLUSTER_GAP` apart (the angles do not depend on the radius, so this is
/// a closed formula, not a search).
fn ring(extents: &[f64]) -> Vec<Point> {
    match extents.len() {
        0 => return Vec::new(),
        1 => return vec![Point { x: 0.0, y: 0.0 }],
        _ => {}
    }
    let shares: Vec<f64> = extents.iter().map(|e| 2.0 * e + CLUSTER_GAP).collect();
    let total: f64 = shares.iter().sum();
    let mut angles = Vec::with_capacity(extents.len());
    let mut start = -PI / 2.0;
    for s in &shares {
        let arc = 2.0 * PI * s / total;
        angles.push(start + arc / 2.0);
        start += arc;
    }
    let mut radius: f64 = 0.0;
    for i in 0..extents.len() {
        for j in i + 1..extents.len() {
            let mut apart = (angles[j] - angles[i]).abs() % (2.0 * PI);
            if apart > PI {
                apart = 2.0 * PI - apart;
            }
            let need = extents[i] + extents[j] + CLUSTER_GAP;
            // A chord of angle `apart` on a ring of radius R is 2 R sin(apart / 2).
            radius = radius.max(need / (2.0 * (apart / 2.0).sin()));
        }
    }
    angles
        .iter()
        .map(|a| Point {
            x: radius * a.cos(),
            y: radius * a.sin(),
        })
        .collect()
}

/// The width of a link's line: heavier links are wider, up to a cap so that a pair with many
/// shared projects does not hide its neighbours.
pub fn link_width(weight: i64) -> f64 {
    1.5 + (weight.clamp(1, 5) - 1) as f64
}

// ---------------------------------------------------------------------------------------------
// Colours and line styles. Node colours are dark enough for 3:1 contrast against white (WCAG
// 1.4.11); the kind is also told by the cluster's label and in the tooltip, never by colour alone.

pub fn kind_colour(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Company => "#1d5f8a",
        OrganisationKind::PublicBody => "#a84300",
        OrganisationKind::VocationalInstitution => "#007a5a",
        OrganisationKind::University => "#a0307a",
        OrganisationKind::ResearchInstitute => "#5b3a9a",
        OrganisationKind::Association => "#7a6200",
        OrganisationKind::EmploymentService => "#b0213b",
        OrganisationKind::Other => "#595959",
    }
}

/// The three kinds of link, in the order the legend lists them.
pub const LINK_KINDS: [&str; 3] = ["agreement", "project", "person"];

/// Colour, dash pattern (so that the kinds differ without colour too) and sideways offset (so
/// that two kinds of link between the same pair do not hide each other) of a link kind.
pub fn link_style(kind: &str) -> (&'static str, &'static str, f64) {
    match kind {
        "project" => ("#a84300", "8 4", 3.0),
        "person" => ("#5b3a9a", "2 3", -3.0),
        _ => ("#404040", "none", 0.0),
    }
}

/// The outline that marks a partnership resting on one person (dashed) or on nobody (dotted).
pub fn owner_dash(owner_count: i64) -> Option<&'static str> {
    match owner_count {
        0 => Some("1.5 2"),
        1 => Some("3 2"),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// What the template draws.

pub struct MapNode {
    pub id: i64,
    pub x: String,
    pub y: String,
    pub fill: &'static str,
    pub dash: Option<&'static str>,
    pub title: String,
}

pub struct MapLine {
    pub x1: String,
    pub y1: String,
    pub x2: String,
    pub y2: String,
    pub stroke: &'static str,
    pub dash: &'static str,
    pub width: String,
}

pub struct MapLabel {
    pub x: String,
    pub y: String,
    pub text: String,
}

/// A link as text: `A — B: yhteinen hanke (2)`.
pub struct LinkText {
    pub a: String,
    pub b: String,
    pub kind: String,
    pub weight: i64,
}

pub struct LegendEntry {
    pub colour: &'static str,
    pub dash: &'static str,
    pub text: String,
}

/// One organisation in the text alternative.
pub struct NodeRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub links: i64,
    pub flag: Option<String>,
}

pub struct MapView {
    pub width: String,
    pub height: String,
    pub title: String,
    pub desc: String,
    pub labels: Vec<MapLabel>,
    pub lines: Vec<MapLine>,
    pub nodes: Vec<MapNode>,
    pub links_text: Vec<LinkText>,
    pub node_rows: Vec<NodeRow>,
    pub kind_legend: Vec<LegendEntry>,
    pub link_legend: Vec<LegendEntry>,
    pub node_count: i64,
    pub link_count: i64,
    pub capped: bool,
}

fn kind_of(node: &Node) -> OrganisationKind {
    OrganisationKind::parse(&node.kind).unwrap_or(OrganisationKind::Other)
}

/// Everything the page and the bare SVG show, in the user's language.
pub fn build(t: &Tr, nodes: &[Node], links: &[Link]) -> MapView {
    let index: HashMap<i64, usize> = nodes.iter().enumerate().map(|(i, n)| (n.id, i)).collect();
    // Only links between drawn organisations: an ended partnership or one beyond the cap has no
    // node to end a line at.
    let links: Vec<&Link> = links
        .iter()
        .filter(|l| index.contains_key(&l.a) && index.contains_key(&l.b))
        .collect();
    let mut degree = vec![0_i64; nodes.len()];
    for l in &links {
        for id in [l.a, l.b] {
            if let Some(i) = index.get(&id) {
                degree[*i] += l.weight;
            }
        }
    }
    // Clusters in the vocabulary's order; within one, the most linked first so that they sit in
    // the middle. The sort is stable, so ties keep the store's order (by name).
    let mut members: Vec<(OrganisationKind, Vec<usize>)> = Vec::new();
    for kind in OrganisationKind::ALL {
        let mut m: Vec<usize> = (0..nodes.len())
            .filter(|i| kind_of(&nodes[*i]) == *kind)
            .collect();
        if m.is_empty() {
            continue;
        }
        m.sort_by_key(|i| std::cmp::Reverse(degree[*i]));
        members.push((*kind, m));
    }
    let kind_names: Vec<String> = members.iter().map(|(k, _)| t.t(k.message_key())).collect();
    let groups: Vec<Group> = members
        .iter()
        .zip(&kind_names)
        .map(|((_, m), name)| Group {
            size: m.len(),
            label_chars: name.chars().count(),
        })
        .collect();
    let geometry = layout(&groups);
    let mut position = vec![Point { x: 0.0, y: 0.0 }; nodes.len()];
    for ((_, m), placed) in members.iter().zip(&geometry.groups) {
        for (node, p) in m.iter().zip(&placed.nodes) {
            position[*node] = *p;
        }
    }
    let labels = geometry
        .groups
        .iter()
        .zip(&kind_names)
        .map(|(g, name)| MapLabel {
            x: num(g.label.x),
            y: num(g.label.y),
            text: name.clone(),
        })
        .collect();
    let lines = links
        .iter()
        .filter_map(|l| {
            let a = position[*index.get(&l.a)?];
            let b = position[*index.get(&l.b)?];
            let (stroke, dash, offset) = link_style(&l.kind);
            let length = a.distance(b).max(1e-9);
            // Perpendicular unit vector times the kind's offset.
            let (ox, oy) = (
                -(b.y - a.y) / length * offset,
                (b.x - a.x) / length * offset,
            );
            Some(MapLine {
                x1: num(a.x + ox),
                y1: num(a.y + oy),
                x2: num(b.x + ox),
                y2: num(b.y + oy),
                stroke,
                dash,
                width: num(link_width(l.weight)),
            })
        })
        .collect();
    let flag = |owners: i64| match owners {
        0 => Some(t.t("map-no-owner")),
        1 => Some(t.t("map-single-owner")),
        _ => None,
    };
    let map_nodes = members
        .iter()
        .flat_map(|(kind, m)| m.iter().map(move |i| (*kind, *i)))
        .map(|(kind, i)| {
            let n = &nodes[i];
            let kind_name = t.t(kind.message_key());
            let title = match flag(n.owner_count) {
                Some(f) => format!("{} ({kind_name}; {f})", n.name),
                None => format!("{} ({kind_name})", n.name),
            };
            MapNode {
                id: n.id,
                x: num(position[i].x),
                y: num(position[i].y),
                fill: kind_colour(kind),
                dash: owner_dash(n.owner_count),
                title,
            }
        })
        .collect();
    let link_kind_text = |kind: &str| t.t(&format!("map-link-{kind}"));
    let mut links_text: Vec<LinkText> = links
        .iter()
        .filter_map(|l| {
            Some(LinkText {
                a: nodes[*index.get(&l.a)?].name.clone(),
                b: nodes[*index.get(&l.b)?].name.clone(),
                kind: link_kind_text(&l.kind),
                weight: l.weight,
            })
        })
        .collect();
    links_text.sort_by(|x, y| (&x.a, &x.b, &x.kind).cmp(&(&y.a, &y.b, &y.kind)));
    let mut node_rows: Vec<NodeRow> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| NodeRow {
            id: n.id,
            name: n.name.clone(),
            kind: t.t(kind_of(n).message_key()),
            links: degree[i],
            flag: flag(n.owner_count),
        })
        .collect();
    node_rows.sort_by(|x, y| x.name.cmp(&y.name).then(x.id.cmp(&y.id)));
    let kind_legend = members
        .iter()
        .zip(&kind_names)
        .map(|((k, _), name)| LegendEntry {
            colour: kind_colour(*k),
            dash: "none",
            text: name.clone(),
        })
        .collect();
    let link_legend = LINK_KINDS
        .iter()
        .map(|k| {
            let (colour, dash, _) = link_style(k);
            LegendEntry {
                colour,
                dash,
                text: link_kind_text(k),
            }
        })
        .collect();
    let mut desc_args = fluent_bundle::FluentArgs::new();
    desc_args.set("nodes", nodes.len() as i64);
    desc_args.set("links", links.len() as i64);
    MapView {
        width: num(geometry.width),
        height: num(geometry.height),
        title: t.t("map-title"),
        desc: crate::i18n::catalogues().message(t.lang, "map-svg-desc", Some(&desc_args)),
        labels,
        lines,
        nodes: map_nodes,
        links_text,
        node_rows,
        kind_legend,
        link_legend,
        node_count: nodes.len() as i64,
        link_count: links.len() as i64,
        capped: nodes.len() as i64 >= MAX_NODES,
    }
}

// ---------------------------------------------------------------------------------------------
// Handlers.

#[derive(Template)]
#[template(path = "network/map.html")]
struct MapPage {
    page: Frame,
    map: MapView,
    max_nodes: i64,
}

/// The drawing alone, for `GET /network/map.svg`: the same block of the same template, so the
/// page and the file never differ.
#[derive(Template)]
#[template(path = "network/map.html", block = "svg")]
struct MapSvg {
    map: MapView,
}

async fn load(state: &AppState, t: &Tr) -> Result<MapView, AppError> {
    let nodes = health::nodes(&state.db, MAX_NODES).await?;
    let links = health::links(&state.db).await?;
    Ok(build(t, &nodes, &links))
}

pub async fn page(State(state): State<AppState>, session: Session) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let page = Frame::of(&session, "/network/map", "map-title");
    let map = load(&state, &page.t).await?;
    render(&MapPage {
        page,
        map,
        max_nodes: MAX_NODES,
    })
}

pub async fn bare_svg(
    State(state): State<AppState>,
    session: Session,
) -> Result<Response, AppError> {
    access::sees_network(&session.user)?;
    let map = load(&state, &Tr::new(session.lang)).await?;
    let body = MapSvg { map }.render()?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            // The map names partners: it is not for shared caches.
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        body,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest distance allowed between two node centres: the circles do not touch.
    const MIN_CENTRE_DISTANCE: f64 = 2.0 * NODE_RADIUS + 4.0;

    fn groups(sizes: &[usize]) -> Vec<Group> {
        sizes
            .iter()
            .map(|s| Group {
                size: *s,
                label_chars: 24,
            })
            .collect()
    }

    fn all_nodes(l: &Layout) -> Vec<Point> {
        l.groups.iter().flat_map(|g| g.nodes.clone()).collect()
    }

    /// Shapes of network the map must draw well: one big kind, many small kinds, every kind of
    /// one organisation, 200 organisations spread evenly, and a single organisation.
    fn networks() -> Vec<Vec<Group>> {
        vec![
            groups(&[150, 20, 12, 8, 5, 3, 1, 1]),
            groups(&[200]),
            groups(&[1, 1, 1, 1, 1, 1, 1, 1]),
            groups(&[25; 8]),
            groups(&[1]),
            groups(&[2, 1]),
        ]
    }

    #[test]
    fn no_two_nodes_come_closer_than_their_circles_allow() {
        for g in networks() {
            let l = layout(&g);
            let points = all_nodes(&l);
            for (i, a) in points.iter().enumerate() {
                for b in &points[i + 1..] {
                    assert!(
                        a.distance(*b) >= MIN_CENTRE_DISTANCE,
                        "{a:?} and {b:?} overlap in {g:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_node_and_label_lies_inside_the_view_box() {
        for g in networks() {
            let l = layout(&g);
            for p in all_nodes(&l) {
                assert!(
                    p.x - NODE_RADIUS >= 0.0 && p.x + NODE_RADIUS <= l.width,
                    "{p:?}"
                );
                assert!(
                    p.y - NODE_RADIUS >= 0.0 && p.y + NODE_RADIUS <= l.height,
                    "{p:?}"
                );
            }
            for (placed, group) in l.groups.iter().zip(&g) {
                let half = label_width(group.label_chars) / 2.0;
                assert!(placed.label.x - half >= 0.0 && placed.label.x + half <= l.width);
                assert!(placed.label.y - LABEL_HEIGHT >= 0.0);
            }
        }
    }

    #[test]
    fn clusters_and_their_labels_keep_apart() {
        for g in networks() {
            let l = layout(&g);
            for (i, a) in l.groups.iter().enumerate() {
                for b in &l.groups[i + 1..] {
                    let apart = a.centre.distance(b.centre);
                    assert!(
                        apart >= a.extent + b.extent + CLUSTER_GAP - 1e-6,
                        "clusters at {:?} and {:?} touch in {g:?}",
                        a.centre,
                        b.centre
                    );
                }
            }
        }
    }

    #[test]
    fn every_node_stays_inside_its_own_cluster() {
        for g in networks() {
            let l = layout(&g);
            for placed in &l.groups {
                for p in &placed.nodes {
                    assert!(p.distance(placed.centre) + NODE_RADIUS <= placed.radius + 1e-6);
                }
            }
        }
    }

    #[test]
    fn the_same_network_always_gets_the_same_layout() {
        for g in networks() {
            assert_eq!(layout(&g), layout(&g));
        }
    }

    #[test]
    fn two_hundred_organisations_fit_a_drawing_a_screen_can_show() {
        let l = layout(&groups(&[120, 30, 20, 10, 8, 6, 4, 2]));
        assert_eq!(all_nodes(&l).len(), 200);
        assert!(
            l.width < 1400.0 && l.height < 1400.0,
            "{} × {}",
            l.width,
            l.height
        );
        // Not a thin strip either: the ring keeps the drawing roughly square.
        assert!(l.width / l.height < 1.6 && l.height / l.width < 1.6);
    }

    #[test]
    fn an_empty_network_gives_an_empty_drawing() {
        let l = layout(&[]);
        assert!(l.groups.is_empty());
        assert!(l.width > 0.0 && l.height > 0.0);
    }

    #[test]
    fn heavier_links_are_drawn_wider_up_to_a_cap() {
        assert!(link_width(1) < link_width(2));
        assert!(link_width(2) < link_width(5));
        assert_eq!(link_width(5), link_width(50));
        assert_eq!(link_width(0), link_width(1));
    }

    #[test]
    fn link_kinds_differ_by_dash_as_well_as_colour() {
        let styles: Vec<_> = LINK_KINDS.iter().map(|k| link_style(k)).collect();
        for (i, a) in styles.iter().enumerate() {
            for b in &styles[i + 1..] {
                assert_ne!(a.0, b.0);
                assert_ne!(a.1, b.1);
                assert_ne!(a.2, b.2);
            }
        }
    }

    #[test]
    fn single_owner_and_ownerless_partners_get_different_outlines() {
        assert!(owner_dash(1).is_some());
        assert!(owner_dash(0).is_some());
        assert_ne!(owner_dash(0), owner_dash(1));
        assert_eq!(owner_dash(2), None);
    }

    fn node(id: i64, name: &str, kind: &str, owners: i64) -> Node {
        Node {
            id,
            name: name.into(),
            kind: kind.into(),
            municipality_code: None,
            owner_count: owners,
        }
    }

    #[test]
    fn the_view_draws_every_node_once_and_only_links_between_drawn_nodes() {
        let t = Tr::new(vaski_domain::Language::Fi);
        let nodes = vec![
            node(1, "Forssan Hitsaamo Oy", "company", 1),
            node(
                2,
                "Lounais-Hämeen koulutuskuntayhtymä",
                "vocational_institution",
                2,
            ),
            node(3, "Hämeen ammattikorkeakoulu", "university", 0),
        ];
        let links = vec![
            Link {
                a: 1,
                b: 2,
                kind: "agreement".into(),
                weight: 2,
            },
            Link {
                a: 2,
                b: 99,
                kind: "project".into(),
                weight: 1,
            },
        ];
        let view = build(&t, &nodes, &links);
        let mut ids: Vec<i64> = view.nodes.iter().map(|n| n.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, vec![1, 2, 3]);
        assert_eq!(
            view.lines.len(),
            1,
            "the link to an organisation not drawn is left out"
        );
        assert_eq!(view.links_text.len(), 1);
        assert_eq!(view.links_text[0].a, "Forssan Hitsaamo Oy");
        assert_eq!(view.links_text[0].b, "Lounais-Hämeen koulutuskuntayhtymä");
        assert_eq!(view.links_text[0].weight, 2);
        assert_eq!(view.labels.len(), 3, "one label per kind present");
        let hitsaamo = view.nodes.iter().find(|n| n.id == 1).expect("node 1");
        assert_eq!(hitsaamo.dash, owner_dash(1));
        assert_eq!(hitsaamo.fill, kind_colour(OrganisationKind::Company));
        assert!(hitsaamo.title.starts_with("Forssan Hitsaamo Oy ("));
        assert!(!view.capped);
    }

    #[test]
    fn within_a_cluster_the_most_linked_organisation_sits_in_the_middle() {
        let t = Tr::new(vaski_domain::Language::Fi);
        let nodes = vec![
            node(1, "A Oy", "company", 2),
            node(2, "B Oy", "company", 2),
            node(3, "C Oy", "company", 2),
        ];
        let links = vec![Link {
            a: 2,
            b: 3,
            kind: "person".into(),
            weight: 1,
        }];
        let view = build(&t, &nodes, &links);
        // The spiral starts at the centre: the first node drawn is the innermost.
        assert!(view.nodes[0].id == 2 || view.nodes[0].id == 3);
        assert_eq!(view.nodes[2].id, 1);
    }
}
