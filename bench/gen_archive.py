#!/usr/bin/env python3
"""Generate a benchmark archive of N speeches, as a lectern site and as a Hugo site.

    gen_archive.py --count N --out DIR [--chars 3000] [--seed 1] [--corpus PATH]

writes

    DIR/lectern/site.toml, DIR/lectern/content/YYYY/speech-NNNNN.md
    DIR/hugo/config.toml, DIR/hugo/content/speeches/speech-NNNNN.md,
    DIR/hugo/layouts/..., DIR/hugo/static/style.css
    DIR/stats.json  (speeches, characters, bytes, distinct speakers, ...)

Both sites hold the same speeches with the same Markdown bodies and the same URLs
(speeches/speech-NNNNN/). The text is cut from the real documents of
../shared/corpus/gov-work-reports/ and ../shared/corpus/laws/ (one file per document:
line 1 the title, then one paragraph per line) into pieces of about --chars characters
on paragraph boundaries. The corpus holds about 21 million characters, so archives of
more than ~6,900 pieces of 3,000 characters go through it again, with the cuts moved
by half a piece (the pieces differ, the paragraphs repeat).

Metadata is pseudo-random but fixed by --seed: dates over 1954-2025 (one in five
known only by its year), about 200 speakers from a list of Chinese names (a few speak
often, most rarely), a place, and 0-3 of the three default themes.

Python 3 standard library only.
"""

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = (HERE / ".." / ".." / "shared" / "corpus").resolve()
SUBCORPORA = ["gov-work-reports", "laws"]

THEMES = [("维权", "weiquan"), ("基层建设", "jiceng-jianshe"), ("劳动竞赛", "laodong-jingsai")]

SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏宇浩凯健俊帆鑫波宁琳晶燕慧颖婷雪梅玲丹春海林峰"
    "东亮新成民永振坤德庆荣宏岩松柏云飞晓光卫红卫东立群跃进爱国秋菊冬梅"
)
PLACES = [
    "北京", "天津", "上海", "重庆", "石家庄", "太原", "呼和浩特", "沈阳", "长春", "哈尔滨", "南京", "杭州",
    "合肥", "福州", "南昌", "济南", "郑州", "武汉", "长沙", "广州", "南宁", "海口", "成都", "贵阳", "昆明",
    "拉萨", "西安", "兰州", "西宁", "银川", "乌鲁木齐", "孝感", "京山", "大连", "青岛", "深圳", "苏州",
    "宁波", "厦门", "无锡", "唐山", "洛阳", "襄阳", "宜昌", "株洲", "柳州", "绵阳", "遵义", "包头", "鞍山",
]
CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇两]+[编章节]\s*\S{0,30}$")
CLAUSE_END = re.compile(r"[，。；：！？、,.;:!?（）()《》“”\"'\s]")


def read_documents(corpus):
    """[(title, [paragraph, ...]), ...] in file order, gov-work-reports then laws."""
    docs = []
    for sub in SUBCORPORA:
        folder = corpus / sub
        files = sorted(p for p in folder.glob("*.txt") if p.stem.isdigit())
        if not files:
            sys.exit(f"gen_archive: no documents in {folder}")
        for path in files:
            lines = [l.strip() for l in path.read_text(encoding="utf-8").split("\n")]
            lines = [l for l in lines if l]
            if len(lines) < 2:
                continue
            docs.append((lines[0], split_long(lines[1:])))
    return docs


def split_long(paragraphs, limit=1200):
    """Paragraphs longer than `limit` are cut after a full stop, so pieces can end near the target."""
    out = []
    for p in paragraphs:
        while len(p) > limit:
            cut = p.rfind("。", 0, limit)
            if cut < limit // 3:
                cut = p.find("。", limit)
            if cut < 0 or cut >= len(p) - 1:
                break
            out.append(p[: cut + 1])
            p = p[cut + 1 :].strip()
        if p:
            out.append(p)
    return out


def pieces(docs, count, chars, rng):
    """Yield (document title, part number, paragraphs, pass) until `count` pieces.

    Cuts within one document; a document's tail that would be shorter than 40% of a piece
    goes onto its last piece; a document shorter than that is joined with the next ones
    (the piece takes the title of the document it starts in). Documents come in an order
    shuffled by the seed; pass 2, 3, ... shuffle again and start each document half a
    piece later, so the pieces differ.
    """
    made = 0
    rounds = 0
    while True:
        order = list(range(len(docs)))
        rng.shuffle(order)  # so that small archives mix reports and laws as large ones do
        carry_title, carry, carry_len = None, [], 0
        for d in order:
            title, paras = docs[d]
            start = 0
            if rounds > 0:
                # skip about half a piece (moved further each round) so the cuts fall elsewhere
                skip, i = (chars // 2) * rounds, 0
                while i < len(paras) - 1 and skip > 0:
                    skip -= len(paras[i])
                    i += 1
                start = i if sum(len(p) for p in paras[i:]) >= chars * 0.4 else 0
            part = 0
            cur, cur_len = list(carry), carry_len
            cur_title = carry_title or title
            target = chars * rng.uniform(0.85, 1.15)
            rest = sum(len(p) for p in paras[start:])
            for p in paras[start:]:
                if cur and cur_len >= target * 0.9 and cur_len + len(p) > target * 1.1 and rest >= chars * 0.4:
                    part += 1
                    yield cur_title, part, cur, rounds
                    made += 1
                    if made >= count:
                        return
                    cur, cur_len, cur_title = [], 0, title
                    target = chars * rng.uniform(0.85, 1.15)
                cur.append(p)
                cur_len += len(p)
                rest -= len(p)
            if cur_len >= chars * 0.4:
                part += 1
                yield cur_title, part, cur, rounds
                made += 1
                if made >= count:
                    return
                carry_title, carry, carry_len = None, [], 0
            else:
                carry_title, carry, carry_len = cur_title, cur, cur_len
        rounds += 1


def speakers(rng, n=200):
    names, seen = [], set()
    while len(names) < n:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
        if name not in seen:
            seen.add(name)
            names.append(name)
    # a few speak often, most rarely (weights ~ 1/rank^0.8)
    weights = [1 / (i + 1) ** 0.8 for i in range(n)]
    return names, weights


def heading_for(paragraph, number):
    clause = CLAUSE_END.split(paragraph, 1)[0][:18] or paragraph[:18]
    return f"{cn_number(number)}、{clause}"


def cn_number(n):
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


def body_markdown(paras, rng):
    """Paragraphs as Markdown with a `## ` heading every few paragraphs (every ~400-900 chars)."""
    out, since, since_len, number = [], 0, 0, 0
    gap = rng.randint(400, 900)
    for i, p in enumerate(paras):
        if CHAPTER.match(p) and i + 1 < len(paras):
            out.append("## " + re.sub(r"\s+", " ", p))
            since, since_len, gap = 0, 0, rng.randint(400, 900)
            continue
        if i > 0 and since >= 3 and since_len >= gap:
            number += 1
            out.append("## " + heading_for(p, number))
            since, since_len, gap = 0, 0, rng.randint(400, 900)
        out.append(p)
        since += 1
        since_len += len(p)
    return "\n\n".join(out) + "\n"


def toml_str(s):
    # a TOML basic string: JSON escapes (\" \\ \n \uXXXX) are valid TOML escapes
    return json.dumps(s, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, required=True, help="number of speeches")
    ap.add_argument("--out", type=Path, required=True, help="output folder (lectern/ and hugo/ go under it)")
    ap.add_argument("--chars", type=int, default=3000, help="about how many characters per speech")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--lectern-extra", default="", metavar="TOML",
                    help="lines appended to the lectern site.toml (e.g. a setting that turns a feature off)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    docs = read_documents(args.corpus)
    names, weights = speakers(random.Random(args.seed * 7919 + 1))

    out = args.out
    for sub in ("lectern", "hugo"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    lec = out / "lectern"
    hugo = out / "hugo"
    (lec / "content").mkdir(parents=True)
    (hugo / "content" / "speeches").mkdir(parents=True)

    (lec / "site.toml").write_text(
        'title = "讲话稿档案（基准测试）"\n'
        f'description = "基准测试用的生成档案：{args.count} 篇讲话，每篇约 {args.chars} 字，取自政府工作报告和法律法规原文。"\n'
        'base_url = "http://localhost/"\n'
        "# themes: the three defaults (维权, 基层建设, 劳动竞赛); page_size: default 20\n"
        + (args.lectern_extra.rstrip("\n") + "\n" if args.lectern_extra else ""),
        encoding="utf-8",
    )
    write_hugo_skeleton(hugo, args)

    stats = {"speeches": 0, "characters": 0, "body_characters": 0, "content_bytes_lectern": 0,
             "content_bytes_hugo": 0, "headings": 0, "year_only_dates": 0, "speeches_from_second_pass": 0, "speakers": set(),
             "years": set(), "themes": {name: 0 for name, _ in THEMES}, "corpus_rounds_text_reused": False,
             "seed": args.seed, "chars_target": args.chars}
    total_corpus = sum(sum(len(p) for p in ps) for _, ps in docs)

    for n, (title, part, paras, rounds) in enumerate(pieces(docs, args.count, args.chars, rng), start=1):
        year = rng.randint(1954, 2025)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        year_only = rng.random() < 0.2
        date = f"{year:04d}" if year_only else f"{year:04d}-{month:02d}-{day:02d}"
        hugo_date = f"{year:04d}-01-01" if year_only else date
        speaker = rng.choices(names, weights)[0]
        place = rng.choice(PLACES)
        k = rng.choices([0, 1, 2, 3], [25, 40, 25, 10])[0]
        themes = [t for t, _ in THEMES if t in rng.sample([t for t, _ in THEMES], k)]
        full_title = f"{title}（{cn_number(part) if part < 100 else part}）" if part > 1 else title
        body = body_markdown(paras, rng)
        slug = f"speech-{n:05d}"

        lec_fm = (
            "+++\n"
            f"title = {toml_str(full_title)}\n"
            f'date = "{date}"\n'
            f"speaker = {toml_str(speaker)}\n"
            f"place = {toml_str(place)}\n"
            f"themes = [{', '.join(toml_str(t) for t in themes)}]\n"
            "+++\n\n"
        )
        hugo_fm = (
            "+++\n"
            f"title = {toml_str(full_title)}\n"
            f"date = {hugo_date}\n"
            f'datelabel = "{date}"\n'
            f"place = {toml_str(place)}\n"
            f"speakers = [{toml_str(speaker)}]\n"
            f"themes = [{', '.join(toml_str(t) for t in themes)}]\n"
            f'years = ["{year:04d}"]\n'
            "+++\n\n"
        )
        ydir = lec / "content" / f"{year:04d}"
        ydir.mkdir(exist_ok=True)
        lb = (lec_fm + body).encode("utf-8")
        hb = (hugo_fm + body).encode("utf-8")
        (ydir / f"{slug}.md").write_bytes(lb)
        (hugo / "content" / "speeches" / f"{slug}.md").write_bytes(hb)

        stats["speeches"] += 1
        chars = sum(len(p) for p in paras)
        stats["body_characters"] += chars
        if rounds > 0:
            stats["speeches_from_second_pass"] += 1
        stats["characters"] += len(full_title) + len(body.replace("\n", ""))
        stats["content_bytes_lectern"] += len(lb)
        stats["content_bytes_hugo"] += len(hb)
        stats["headings"] += body.count("\n## ") + body.startswith("## ")
        stats["year_only_dates"] += year_only
        stats["speakers"].add(speaker)
        stats["years"].add(year)
        for t in themes:
            stats["themes"][t] += 1

    if stats["speeches"] < args.count:
        sys.exit(f"gen_archive: made only {stats['speeches']} speeches")
    stats["corpus_characters"] = total_corpus
    stats["corpus_rounds_text_reused"] = stats["body_characters"] > total_corpus
    stats["speakers"] = len(stats["speakers"])
    stats["years"] = len(stats["years"])
    stats["mean_body_characters"] = round(stats["body_characters"] / stats["speeches"])
    (out / "stats.json").write_text(json.dumps(stats, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(stats, ensure_ascii=False))


# ---------------------------------------------------------------- Hugo site

HUGO_CONFIG = """\
baseURL = "http://localhost/"
languageCode = "zh-CN"
defaultContentLanguage = "zh"
title = "讲话稿档案（基准测试）"
hasCJKLanguage = true
enableRobotsTXT = false
disableKinds = []
# page size 20 as lectern's default; `paginate` for Hugo < 0.128, [pagination] for newer
paginate = 20

[pagination]
  pagerSize = 20

[services.rss]
  limit = 20

[taxonomies]
  theme = "themes"
  speaker = "speakers"
  year = "years"

# lectern writes: HTML pages, one Atom feed for all speeches and one per theme, a sitemap.
# Hugo likewise: RSS for the home page and (via content/themes/*/_index.md) the three themes.
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]

[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3

# "related speeches" (lectern: 5 by shared TF-IDF keywords; Hugo: 5 by shared taxonomy terms)
[related]
  includeNewer = true
  threshold = 0
  toLower = false
  [[related.indices]]
    name = "themes"
    weight = 100
  [[related.indices]]
    name = "speakers"
    weight = 80
  [[related.indices]]
    name = "date"
    weight = 10
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ if .IsPage }}{{ .Summary | plainify }}{{ else }}{{ .Site.Params.description }}{{ end }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="alternate" type="application/rss+xml" title="{{ .Site.Title }}" href="{{ "index.xml" | absURL }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body class="kind-{{ .Kind }}">
<header class="site-header"><div class="wrap">
  <a class="site-title" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
  <nav class="site-nav"><ul>
    <li><a href="{{ "/" | relURL }}">首页</a></li>
    <li><a href="{{ "themes/" | relURL }}">专题</a></li>
    <li><a href="{{ "years/" | relURL }}">年份</a></li>
    <li><a href="{{ "speakers/" | relURL }}">讲话人</a></li>
  </ul></nav>
</div></header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap">
  <p><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a> · <a href="{{ "index.xml" | absURL }}">订阅</a></p>
</div></footer>
</body>
</html>
""",
    "partials/speech-item.html": """\
<li class="speech-item"><article>
  <h2 class="speech-item-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
  <p class="meta"><time datetime="{{ .Params.datelabel }}">{{ .Params.datelabel }}</time>
  {{- range .GetTerms "speakers" }} · <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}
  {{- with .Params.place }} · <span class="place">{{ . }}</span>{{ end }}</p>
  <p class="speech-item-summary">{{ .Summary | plainify | truncate 120 }}</p>
  {{- with .GetTerms "themes" }}
  <p class="chips">{{ range . }} <a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
  {{- end }}
</article></li>
""",
    # first, current ± 2, last: the same links as lectern's paginator, computed directly
    # (ranging over .Paginator.Pagers on every page is quadratic in the number of pages)
    "partials/paginator.html": """\
{{ $p := .Paginator }}
{{ if gt $p.TotalPages 1 }}
{{ $base := .RelPermalink }}
{{ $cur := $p.PageNumber }}
{{ $last := $p.TotalPages }}
{{ $from := cond (gt $cur 3) (sub $cur 2) 1 }}
{{ $to := cond (lt (add $cur 2) $last) (add $cur 2) $last }}
<nav class="paginator"><ul>
  <li>{{ if $p.HasPrev }}<a href="{{ $p.Prev.URL }}" rel="prev">上一页</a>{{ else }}<span>上一页</span>{{ end }}</li>
  {{ if gt $from 1 }}<li><a href="{{ $base }}">1</a></li>{{ end }}
  {{ if gt $from 2 }}<li class="paginator-gap">…</li>{{ end }}
  {{ range seq $from $to }}
  <li><a href="{{ if eq . 1 }}{{ $base }}{{ else }}{{ printf "%spage/%d/" $base . }}{{ end }}"{{ if eq . $cur }} aria-current="page"{{ end }}>{{ . }}</a></li>
  {{ end }}
  {{ if lt $to (sub $last 1) }}<li class="paginator-gap">…</li>{{ end }}
  {{ if lt $to $last }}<li><a href="{{ printf "%spage/%d/" $base $last }}">{{ $last }}</a></li>{{ end }}
  <li>{{ if $p.HasNext }}<a href="{{ $p.Next.URL }}" rel="next">下一页</a>{{ else }}<span>下一页</span>{{ end }}</li>
</ul></nav>
{{ end }}
""",

    # one speech: header, table of contents, body, prev/next, related speeches
    # (HUGO_BENCH_NO_RELATED=1 in the environment leaves out the related speeches)
    "_default/single.html": """\
{{ define "main" }}
<article class="speech">
  <header class="speech-header">
    {{ with .GetTerms "themes" }}<p class="speech-themes">{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
    <h1 class="speech-title">{{ .Title }}</h1>
    {{ range .GetTerms "speakers" }}<p class="speech-byline"><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}
    <dl class="speech-meta">
      <div><dt>日期</dt><dd><time datetime="{{ .Params.datelabel }}">{{ .Params.datelabel }}</time></dd></div>
      {{ with .Params.place }}<div><dt>地点</dt><dd>{{ . }}</dd></div>{{ end }}
    </dl>
    <p class="meta">全文 {{ countrunes .Plain }} 字 · 约 {{ .ReadingTime }} 分钟</p>
  </header>
  {{ with .TableOfContents }}<nav class="toc"><h2>目录</h2>{{ . }}</nav>{{ end }}
  <div class="speech-body">
{{ .Content }}
  </div>
</article>
<nav class="speech-nav">
  {{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }} <time>{{ .Params.datelabel }}</time></a>{{ end }}
  {{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} <time>{{ .Params.datelabel }}</time></a>{{ end }}
</nav>
{{ if not (getenv "HUGO_BENCH_NO_RELATED") }}
{{ with first 5 (.Site.RegularPages.Related .) }}
<section class="related"><h2>相关讲话</h2>
<ol class="speech-list">{{ range . }}{{ partial "speech-item.html" . }}{{ end }}</ol>
</section>
{{ end }}
{{ end }}
{{ end }}
""",
    # section list (all speeches) and term pages (one theme / year / speaker), paginated
    "_default/list.html": """\
{{ define "main" }}
<header class="page-header">
  {{ if eq .Kind "term" }}<p class="eyebrow"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>{{ end }}
  <h1 class="page-title">{{ .Title }}</h1>
  <p class="meta">{{ .Paginator.TotalNumberOfElements }} 篇{{ if gt .Paginator.TotalPages 1 }} · 第 {{ .Paginator.PageNumber }} / {{ .Paginator.TotalPages }} 页{{ end }}</p>
</header>
<ol class="speech-list">
{{ range .Paginator.Pages }}{{ partial "speech-item.html" . }}{{ end }}
</ol>
{{ partial "paginator.html" . }}
{{ end }}
""",
    # the index of a taxonomy: all themes / years / speakers with counts
    "_default/terms.html": """\
{{ define "main" }}
<header class="page-header"><h1 class="page-title">{{ .Title }}</h1></header>
<ul class="term-list">
{{ range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="count">{{ .Count }} 篇</span></li>
{{ end }}
</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<section class="home-intro"><h1>{{ .Site.Title }}</h1><p>共 {{ len .Site.RegularPages }} 篇讲话</p></section>
<section><h2>专题</h2><ul>{{ range .Site.Taxonomies.themes.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }} 篇</li>{{ end }}</ul></section>
<section><h2>最新讲话</h2>
<ol class="speech-list">{{ range first 20 .Site.RegularPages.ByDate.Reverse }}{{ partial "speech-item.html" . }}{{ end }}</ol>
<p><a href="{{ "speeches/" | relURL }}">全部讲话</a></p>
</section>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>找不到这个页面</h1><p><a href="{{ "/" | relURL }}">回到首页</a></p>{{ end }}
""",
}


def write_hugo_skeleton(hugo, args):
    # config.toml, not hugo.toml: Hugo < 0.110 (Debian 12 has 0.111) reads only config.toml
    (hugo / "config.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for rel, text in LAYOUTS.items():
        path = hugo / "layouts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (hugo / "content" / "speeches" / "_index.md").write_text('+++\ntitle = "全部讲话"\n+++\n', encoding="utf-8")
    for name, _slug in THEMES:
        d = hugo / "content" / "themes" / name
        d.mkdir(parents=True, exist_ok=True)
        (d / "_index.md").write_text(
            f'+++\ntitle = "{name}"\noutputs = ["HTML", "RSS"]\n+++\n', encoding="utf-8")
    for kind, title in (("themes", "专题"), ("years", "年份"), ("speakers", "讲话人")):
        d = hugo / "content" / kind
        d.mkdir(parents=True, exist_ok=True)
        (d / "_index.md").write_text(f'+++\ntitle = "{title}"\n+++\n', encoding="utf-8")
    static = hugo / "static"
    static.mkdir(parents=True, exist_ok=True)
    css = HERE.parent / "themes" / "default" / "static" / "style.css"
    (static / "style.css").write_bytes(css.read_bytes() if css.exists() else b"body{font-family:sans-serif}\n")


if __name__ == "__main__":
    main()
