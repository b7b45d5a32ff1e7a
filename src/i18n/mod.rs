//! The language lectern speaks on the command line: help, progress, summaries,
//! every diagnostic and the preview's error page. Chinese (zh-CN) when the locale
//! says Chinese, English otherwise; `--lang` overrides the locale.
//!
//! The words live in `locales/en.ftl` and `locales/zh-CN.ftl` (Fluent), built
//! into the binary; code names a message by its key with [`t!`](crate::t).
//! Site text (what the published pages say) is the theme's, not this.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ffi::OsString;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{langid, LanguageIdentifier};

pub mod help;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: the text goes to a
        // terminal, where they would show as stray characters or garble paths.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language lectern speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhCn,
}

impl Lang {
    /// The values `--lang` takes.
    pub const NAMES: [&'static str; 2] = ["en", "zh-CN"];

    /// The language of a locale name as POSIX writes it (`zh_CN.UTF-8`,
    /// `zh_TW`, `zh-Hans`, `en_US.UTF-8`, `C`): any Chinese locale is zh-CN,
    /// the only Chinese catalogue; anything else is English.
    pub fn of_locale(locale: &str) -> Lang {
        let lower = locale.to_ascii_lowercase();
        match lower.strip_prefix("zh") {
            Some(rest) if rest.is_empty() || rest.starts_with(['_', '-', '.', '@']) => Lang::ZhCn,
            _ => Lang::En,
        }
    }

    /// The language the environment asks for, with POSIX precedence: the first
    /// of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set and not empty decides.
    pub fn of_environment(var: impl Fn(&str) -> Option<OsString>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |value| Lang::of_locale(&value.to_string_lossy()))
    }

    /// A `--lang` value: `en` or `zh-CN` (any case, `_` for `-`, and plain
    /// `zh`, as locales write them).
    pub fn of_flag(value: &str) -> Option<Lang> {
        match value.to_ascii_lowercase().replace('_', "-").as_str() {
            "en" => Some(Lang::En),
            "zh-cn" | "zh" => Some(Lang::ZhCn),
            _ => None,
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            Lang::En => langid!("en"),
            Lang::ZhCn => langid!("zh-CN"),
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on, once, as the command starts.
pub fn set_language(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are in: English until the command says otherwise.
pub fn language() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        0 => Lang::En,
        _ => Lang::ZhCn,
    }
}

/// A value handed to a message. Numbers stay numbers, so that the catalogue
/// can choose the English singular or plural; everything else is text.
pub trait ToArg {
    fn to_arg(&self) -> FluentValue<'static>;
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self) -> FluentValue<'static> {
                FluentValue::from(*self)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i32, i64);

impl ToArg for str {
    fn to_arg(&self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

impl ToArg for String {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_str().to_arg()
    }
}

impl ToArg for Cow<'_, str> {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_ref().to_arg()
    }
}

impl ToArg for std::path::Path {
    fn to_arg(&self) -> FluentValue<'static> {
        self.display().to_string().to_arg()
    }
}

impl ToArg for std::path::PathBuf {
    fn to_arg(&self) -> FluentValue<'static> {
        self.as_path().to_arg()
    }
}

impl ToArg for std::io::Error {
    fn to_arg(&self) -> FluentValue<'static> {
        self.to_string().to_arg()
    }
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> FluentValue<'static> {
        (**self).to_arg()
    }
}

/// The message `key` in the current language, its arguments filled in.
pub fn text(key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    text_in(language(), key, args)
}

/// The message `key` in `lang`. A key the catalogue lacks (the tests make sure
/// none does) falls back to English, then to the key itself.
pub fn text_in(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    [lang, Lang::En]
        .iter()
        .find_map(|lang| {
            LOCALES
                .lookup_single_language(&lang.id(), key, Some(&args))
                .ok()
        })
        .unwrap_or_else(|| key.to_string())
}

/// The message `key` in the current language: `t!("build-failed", errors = n)`.
/// Argument values are numbers, text or paths (see [`ToArg`](crate::i18n::ToArg)).
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $key,
            &[$((stringify!($name), $crate::i18n::ToArg::to_arg(&$value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn chinese_locales_of_every_region_and_script_are_zh_cn() {
        for locale in [
            "zh",
            "zh_CN",
            "zh_CN.UTF-8",
            "zh_CN.GB18030",
            "zh_TW.UTF-8",
            "zh_HK.Big5HKSCS",
            "zh_SG",
            "zh-Hans",
            "zh-Hant-TW",
            "zh_CN.utf8@pinyin",
            "ZH_cn",
        ] {
            assert_eq!(Lang::of_locale(locale), Lang::ZhCn, "{locale}");
        }
    }

    #[test]
    fn other_locales_are_english() {
        for locale in [
            "C",
            "POSIX",
            "C.UTF-8",
            "",
            "en_US.UTF-8",
            "fr_FR",
            "ja_JP",
            "zha",
        ] {
            assert_eq!(Lang::of_locale(locale), Lang::En, "{locale:?}");
        }
    }

    #[test]
    fn lc_all_then_lc_messages_then_lang_decide() {
        let zh = "zh_CN.UTF-8";
        assert_eq!(Lang::of_environment(env(&[("LANG", zh)])), Lang::ZhCn);
        assert_eq!(
            Lang::of_environment(env(&[("LANG", zh), ("LC_MESSAGES", "C")])),
            Lang::En
        );
        assert_eq!(
            Lang::of_environment(env(&[("LANG", "C"), ("LC_MESSAGES", zh)])),
            Lang::ZhCn
        );
        assert_eq!(
            Lang::of_environment(env(&[("LC_MESSAGES", zh), ("LC_ALL", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::of_environment(env(&[("LANG", "C"), ("LC_ALL", zh)])),
            Lang::ZhCn
        );
    }

    #[test]
    fn empty_variables_count_as_unset() {
        assert_eq!(
            Lang::of_environment(env(&[("LC_ALL", ""), ("LANG", "zh_TW")])),
            Lang::ZhCn
        );
        assert_eq!(Lang::of_environment(env(&[])), Lang::En);
    }

    #[test]
    fn the_flag_takes_en_and_zh_cn() {
        assert_eq!(Lang::of_flag("en"), Some(Lang::En));
        assert_eq!(Lang::of_flag("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::of_flag("zh_cn"), Some(Lang::ZhCn));
        assert_eq!(Lang::of_flag("zh"), Some(Lang::ZhCn));
        assert_eq!(Lang::of_flag("fr"), None);
    }

    #[test]
    fn messages_fill_arguments_and_choose_english_plurals() {
        let args = |n: usize| [("errors", n.to_arg())];
        assert_eq!(
            text_in(Lang::En, "build-failed", &args(1)),
            "Build failed with 1 error; the output folder was not changed."
        );
        assert_eq!(
            text_in(Lang::En, "build-failed", &args(3)),
            "Build failed with 3 errors; the output folder was not changed."
        );
        assert_eq!(
            text_in(Lang::ZhCn, "build-failed", &args(3)),
            "构建失败，共 3 个错误；输出文件夹没有改动。"
        );
    }
}
