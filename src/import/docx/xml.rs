//! Small helpers over quick-xml for WordprocessingML, where every element and
//! attribute that matters is told apart by its local name (`w:val` → `val`).

use quick_xml::events::BytesStart;

pub(super) fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

pub(super) fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// An on/off property such as `<w:b/>`, `<w:b w:val="0"/>`, `<w:i w:val="false"/>`.
pub(super) fn switch(e: &BytesStart) -> bool {
    !matches!(
        attribute(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// The number in `w:val`, if it is one.
pub(super) fn number<T: std::str::FromStr>(e: &BytesStart) -> Option<T> {
    attribute(e, "val").and_then(|v| v.trim().parse().ok())
}
