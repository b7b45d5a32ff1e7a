# lectern 命令行的中文：帮助、进度、汇总、诊断和预览的错误页。每条消息在
# en.ftl 里也有，参数相同（tests/i18n.rs 检查）。网站上的文字属于主题，不在这里。
# 文件路径、字段名（date、speaker…）、TOML 示例和命令保持原样。

## 帮助

cli-about = 中文讲话稿档案的静态网站生成器
cli-arg-quiet = 只显示问题：不显示进度，也不显示汇总
cli-arg-verbose = 另外显示构建每一步用了多少时间
cli-arg-lang = 消息和帮助的语言，en 或 zh-CN，不按系统区域设置（LC_ALL、LC_MESSAGES、LANG）
cli-arg-help = 显示帮助
cli-arg-version = 显示版本
cli-build = 把 content/ 里的讲话稿构建成网站，写到 public/
cli-build-arg-root = 网站文件夹，里面有 site.toml 和 content/
cli-build-arg-output = 网站写到哪里［默认：网站文件夹下的 public/］
cli-build-arg-base_url = 网站发布的地址，代替 site.toml 里的 base_url
cli-build-arg-drafts = 标了 draft = true 的讲话稿也发布
cli-build-arg-cache = 构建缓存，让构建只重做改过的部分；可以放心删除［默认：网站文件夹下的 .lectern-cache/］
cli-build-arg-offline = 另写一份直接从磁盘打开（file://）也能用的网站，可放在 U 盘或共享文件夹里，搜索照常可用：链接相对于每个页面并写明 index.html，搜索索引也写成脚本
cli-serve = 预览网站：在内存里构建，在 127.0.0.1 上提供访问，每次改动后重新构建并刷新打开的页面
cli-serve-arg-root = 网站文件夹，里面有 site.toml 和 content/
cli-serve-arg-bind = 监听的地址；不是本机回环地址时，别的电脑也能看到预览
cli-serve-arg-port = 先试用的端口；被占用时用下一个空闲的
cli-serve-arg-open = 在浏览器里打开网站
cli-serve-arg-drafts = 标了 draft = true 的讲话稿也显示
cli-search = 在已构建网站的索引里搜索，结果和网站搜索页一样
cli-search-arg-root = 网站文件夹，里面有 site.toml 和 content/
cli-search-arg-output = 已构建的网站［默认：网站文件夹下的 public/］
cli-search-arg-json = 按排名顺序输出一个 JSON 数组
cli-search-arg-limit = 最多显示多少条结果；0 表示全部显示
cli-search-arg-theme = 只要这个主题的讲话稿（主题名或 slug）
cli-search-arg-speaker = 只要这位讲话人的讲话稿
cli-search-arg-year = 只要这一年的讲话稿
cli-search-arg-by_date = 按日期排序，最新的在前，而不是按相关度
cli-search-arg-query = 要搜索的内容；用空格或标点隔开的几个词必须都出现
cli-check = 加载并渲染全部内容但不写文件，检查页面之间的链接，报告所有问题
cli-check-arg-root = 网站文件夹，里面有 site.toml 和 content/
cli-check-arg-base_url = 网站发布的地址，代替 site.toml 里的 base_url
cli-check-arg-format = 问题的输出格式：text 给人看，json 给 CI 标注用
cli-check-arg-drafts = 标了 draft = true 的讲话稿也检查
cli-import = 把 .txt、.md 和 .docx 文件（或装着它们的文件夹）转成 content/ 里的讲话稿
cli-import-arg-root = 网站文件夹，里面有 site.toml 和 content/
cli-import-arg-into = 讲话稿写到网站文件夹下的哪个文件夹［默认：content］
cli-import-arg-dry_run = 只报告会导入什么，不写任何文件
cli-import-arg-force = 替换已有的同名讲话稿文件
cli-import-arg-metadata = 存成 CSV 或 TSV（UTF-8 或 GB18030）的表格，第一行是表头，写明 `file`（文件）和各字段（标题、日期、讲话人…）：每一行填写它所指文件的字段
cli-import-arg-paths = 文件（.txt、.md、.docx）和装着它们的文件夹
cli-new = 在空文件夹里新建一个网站，可以直接构建和部署
cli-new-arg-dir = 新网站所在的文件夹；必须是空的或还不存在
cli-completions = 输出某个 shell（bash、zsh、fish、powershell、elvish）的命令补全脚本
cli-completions-arg-shell = 为哪个 shell 补全 lectern 的命令和选项
cli-man = 输出 lectern 的使用手册页，或把每个命令一页写进一个文件夹
cli-man-arg-dir = 把 lectern.1 和每个命令一页（lectern-build.1，…）写进这个文件夹，而不是输出 lectern.1
cli-help = 显示本帮助，或指定子命令的帮助

## 诊断的标签

label-error = 错误
label-warning = 警告
label-help = 提示
list-separator = 、
list-and-more = { $list } 等，另有 { $more } 个

## 各命令的汇总

build-done = 已把 { $speeches } 篇讲话稿构建成 { $files } 个文件{ $unchanged ->
        [0] {""}
       *[other] （其中 { $unchanged } 个没有变化）
    }，用时 { $seconds } 秒{ $drafts ->
        [0] {""}
       *[other] ，{ $drafts } 篇草稿没有发布（加 --drafts 可以包括）
    } → { $output }
build-failed = 构建失败，共 { $errors } 个错误；输出文件夹没有改动。
check-done = { $problems ->
        [0] 没有发现问题。
       *[other] 发现 { $problems } 个问题。
    }
import-nothing-fix-site = 什么也没有导入：请先改正 site.toml。
import-nothing-fix-sheet = 什么也没有导入：请先改正元数据表格，或者不加 --metadata 导入。
new-created = 已在 { $dir } 新建网站：
new-next =
    下一步：cd { $dir } && lectern build，然后用 `lectern import FILES…` 添加讲话稿。
    要发布，把文件夹推送到 GitHub（在 Settings → Pages → Source 选 "GitHub Actions" 后，.github/workflows/deploy.yml 会把它部署到 GitHub Pages），或推送到 GitLab（把 .gitlab-ci.yml.example 改名为 .gitlab-ci.yml）。
man-cannot-write = 无法写入使用手册页：{ $error }
man-cannot-write-help = 请指定一个有写入权限的文件夹
cannot-write-output = 无法写出结果：{ $error }

## lectern search

search-nothing-to-search = 搜索词 { $query } 里没有可搜索的内容：只搜索文字和数字，标点、符号、空格和不可见字符都不算
search-nothing-to-search-help = 请搜索一个词、一个名字或一个数字
search-no-index = { $folder } 里没有可用的搜索索引：{ $why }
search-no-index-help = 请先用 `lectern build` 构建网站
search-damaged = 搜索索引已损坏：{ $why }
search-damaged-help = 请用 `lectern build` 重新构建网站
search-no-results = 没有讲话稿包含 { $query }。
search-unknown-theme = 搜索索引里没有主题 { $theme }
search-unknown-theme-none = 这个网站没有主题（主题列在 site.toml 里）
search-unknown-theme-help = 请给出其中之一：{ $known }，用 slug 或主题名都可以
search-unknown-speaker = 搜索索引里没有 { $speaker } 的讲话稿
search-unknown-speaker-none = 没有讲话稿写明讲话人
search-unknown-speaker-help = 请按讲话稿页面上显示的样子写名字：{ $known }（网站的讲话人页面列出了全部）
search-unknown-year = 搜索索引里没有 { $year } 年的讲话稿
search-unknown-year-help = 有讲话稿的年份是 { $known }

## 进度：构建的各个步骤

stage-reading-speeches = 正在读取讲话稿
stage-finding-related = 正在查找相关讲话稿
stage-writing-search-index = 正在写搜索索引
stage-writing-data-download = 正在写数据下载文件
stage-writing-pages = 正在写页面
stage-timing = { $stage }：{ $seconds } 秒
progress-left-seconds = 大约还要 { $n } 秒
progress-left-minutes = 大约还要 { $n } 分钟
progress-left-hours = 大约还要 { $n } 小时
progress-left-days = 大约还要 { $n } 天

## 前置元数据（load/front_matter.rs）

value-text = 文字
value-bool = true/false
value-list = 列表
value-table = 表（table）
value-decimal = 小数
fm-never-closed = 以 `{ $delimiter }` 开头的前置元数据没有结束行
fm-never-closed-help = 在最后一个字段后面加一行，只写同样的分隔符
fm-missing = 文件开头没有前置元数据
fm-missing-help = 文件第一行写 `+++`，接着写 `title = "…"` 和 `date = "YYYY-MM-DD"`，最后再写一行 `+++`
fm-too-deep = 前置元数据里的列表或表嵌套超过了 { $depth } 层
fm-toml-help = TOML 前置元数据的写法是 `title = "…"`；文字要加引号，列表写成 ["a", "b"]
fm-yaml-help = YAML 前置元数据的写法是 `title: …`；列表写成 [a, b]，或每项一行 `- 项目`
fm-syntax = 前置元数据写法有误：{ $detail }
fm-name-not-text = 字段名 { $name } 不是文字
fm-not-a-mapping = 前置元数据必须是一行一个的 `字段: 值`

## 读取 content/（load/）

cannot-read = 无法读取：{ $error }
load-no-content = 没有 content/ 文件夹
load-no-content-help = 请新建 content/ 文件夹，每篇讲话稿放一个 Markdown 文件
load-not-markdown = 这个文件不是 Markdown，所以不会发布
load-not-markdown-help = 用 `lectern import` 把它转成讲话稿
load-other-file = content/ 里只读取 Markdown 讲话稿；这个文件不会发布
load-other-file-help = 图片和其他文件请放进 static/，再从那里链接
load-link-loop = 这个链接指回包含它的文件夹，没有跟随
load-link-broken = 这个链接指向不存在的地方，或者绕成了圈，没有跟随
load-link-broken-help = 删掉这个链接，或者把讲话稿复制到 content/ 里
load-unreadable-folder = 无法读取，其中的讲话稿会缺失：{ $reason }
load-unreadable-folder-help = 请给 lectern 读取权限（例如对它执行 `chmod -R u+rX`），或把它移出 content/
load-link-outside = 这个链接指向 content/ 以外（或不存在的地方），没有跟随
load-link-outside-help = 请把讲话稿复制到 content/ 里，不要用链接
load-binary = 这不是文本文件：里面是二进制数据，不是讲话稿
load-binary-help = 讲话稿是 Markdown 文本文件；请把这个文件移出 content/，或用 `lectern import` 导入它原本的文档
load-not-utf8 = 这个文件不是 UTF-8 文本，看起来是 { $encoding }
load-not-utf8-help = 用 `lectern import { $path }` 转换，或在编辑器里另存为 UTF-8
load-controls-removed = 删除了 { $count } 个网页里不能出现的控制字符：{ $places }
load-controls-removed-help = 它们是从 Word 等程序复制时留下的不可见字符；把文件去掉这些字符后保存，就不会再有这条提示
control-at-line = 第 { $line } 行的 { $code }
control-more = 另有 { $more } 个
field-of-other-kind = `{ $name }` 是{ $other ->
        [page] 页面
       *[speech] 讲话稿
    }的字段，而这个文件是{ $what ->
        [page] 页面
       *[speech] 讲话稿
    }
field-of-other-kind-help = 删掉它，或者写上 kind = "{ $other }" 把文件改成{ $other ->
        [page] 页面
       *[speech] 讲话稿
    }（content/{ $folder }/ 里的文件都是页面，除非写明 kind = "speech"）
field-unknown = 不认识的字段 `{ $name }`
field-unknown-help = { $what ->
        [page] 页面
       *[speech] 讲话稿
    }的字段有 { $known }；其他数据请放在 [extra] 下面
field-not-text = `{ $name }` 必须是文字，现在是{ $kind }
field-not-text-help = 请加上引号：{ $name } = "…"
field-missing = 讲话稿缺少 { $name }
field-missing-help = 请在前置元数据里加一行 `{ $name } = { $example }`
field-list-item-not-text = `{ $name }` 里有{ $kind }，只能是文字
field-not-list = `{ $name }` 必须是文字列表，现在是{ $kind }
field-list-help = 请写成 { $name } = ["…", "…"]
field-not-bool = `{ $name }` 必须是 true 或 false，现在是{ $kind }
field-not-bool-help = 请写 { $name } = true 或 { $name } = false，不加引号
draft-undated = 未完成的草稿：没有日期，所以不发布
draft-undated-help = 要发布，请加上 `date = "YYYY-MM-DD"`（或 2014年4月28日、2014年4月、2014年），并删掉 `draft = true`
date-invalid = 日期无法识别：{ $why }
date-invalid-help = 请把日期写成 "YYYY-MM-DD" 或 "2014年4月28日"；只知道年月或年份时，写成 "YYYY-MM" / "2014年4月" 或 "YYYY" / "2014年"
theme-unknown = 不认识的主题 { $theme }
theme-unknown-help = site.toml 里的主题有 { $known }；请用其中之一，或把它加进 site.toml
slug-not-url-safe = slug { $slug } 不能用在网址里
slug-not-url-safe-help = 只用英文字母、数字和连字符，不要有 `/` 或 `..`，例如 "2014-04-28-gonghui"
slug-too-long = slug 有 { $length } 个字符长；网址的一段最多 { $most } 个
slug-too-long-help = 请缩短：几个词就够了，例如 "2014-04-28-gonghui"
dropped-heading-id = 标题的 id { $id }
dropped-heading-class = 标题的 class { $class }
dropped-heading-attribute = 标题的属性 `{ $name }`
heading-attribute-dropped = { $what }没有放进页面：标题只能带 id 和 class
heading-attribute-dropped-help = 标题请写成 `## 标题` 或 `## 标题 {"{"}#short-id .class{"}"}`，只用字母、数字、- 和 _
url-taken = 这篇{ $what ->
        [page] 页面
       *[speech] 讲话稿
    }的网址 { $url } 和 { $others } 相同
url-taken-help = 请给其中一个换个文件名，或在前置元数据里写一个不同的 `slug`

## 日期（speech.rs）

date-part-not-a-number = { $part ->
        [year] 年份
        [month] 月份
       *[day] 日
    } { $value } 不是数字
date-not-a-date = { $text } 不是日期
date-year-digits = { $text } 里的年份必须是四位数
date-no-such-month = { $text } 里的 { $month } 月不存在
date-no-such-day = { $date } 这一天不存在
date-not-a-chinese-date = { $text } 不是日期：请写成 2014年4月28日 或 2014-04-28
page-kind-invalid = `kind` 是 { $shown }；只能是 "speech" 或 "page"
page-kind-invalid-help = 不是讲话稿的页面（关于本站、凡例）写 kind = "page"；讲话稿不用写这一行
page-menu-invalid = `menu` 是 { $name }；只能是 { $known } 之一
page-menu-invalid-help = menu = "nav" 从主导航链接这个页面，"footer"（默认）从页脚链接，"none" 不链接
page-weight-invalid = `weight` 是 { $text }，不是整数
page-weight-invalid-help = 请写 weight = 1、2、…：页面按 weight 从小到大排列，相同时按标题
## speakers.toml（load/registry.rs）

toml-syntax = TOML 写法有误：{ $detail }
registry-unreadable-help = 请确认文件可以读取，并且存为 UTF-8
registry-syntax-help = 每位讲话人是一个 [[speaker]] 块，写 name = "…"，还可以写 slug = "…"、aliases = ["…"] 和 bio = "…"
registry-empty-name = 有一位讲话人的名字是空的
registry-empty-name-help = 请按网站上要显示的样子写名字，例如 name = "王凯"
registry-spelling-taken = { $spelling } 已经列在 { $person } 名下（第 { $line } 行）；一种写法只能指一个人
registry-spelling-taken-help = 请从两处中的一处删掉它；名字写法相同的两个人，应各用不同的 slug 区分，而不是用 aliases
registry-slug-invalid = slug { $slug } 不能用作网址的一段
registry-slug-invalid-help = 最多 80 个英文字母、数字、- 和 _，例如 slug = "wang-kai"
registry-slug-twice = 有两位讲话人的 slug 都是 { $slug }
registry-slug-twice-help = 请给每个人一个自己的 slug

## site.toml（config.rs）

site-not-a-site = { $root } 里既没有 { $config }，也没有 content/ 文件夹
site-not-a-site-help = 请在网站文件夹里运行 lectern，或加上 --root DIR，或用 `lectern new DIR` 新建一个网站
site-reference-help = 请参看 README 里 site.toml 的说明
site-page-size-zero = page_size 至少是 1
site-page-size-zero-help = 把 page_size 设为每个列表页显示的讲话稿篇数，例如 20
site-base-url-invalid = base_url { $url } { $why }
site-base-url-invalid-help = 请写网站发布的地址，例如 "https://example.org/archive/"
site-too-many-themes = 有 { $count } 个主题；一个网站最多 { $most } 个
site-too-many-themes-help = 请合并相近的主题，更细的区分可以用标签（tags）
site-theme-empty-name = 有一个主题的名字是空的
site-theme-empty-name-help = 请给每个 [[themes]] 条目写上名字
site-theme-slug-invalid = 主题 { $theme } 的 slug 是 { $slug }，不能用在网址里
site-theme-slug-invalid-help = 只用小写英文字母、数字和连字符，例如 "laodong-jingsai"
site-themes-share = 主题 { $first } 和 { $second } 的名字或 slug 相同
site-themes-share-help = 请给每个主题不同的名字和 slug
site-theme-problem = 第 { $number } 个主题：{ $detail }
flag-base-url-invalid = --base-url { $url } { $why }
flag-base-url-invalid-help = 请写网站发布的地址，例如 https://example.org/archive/
flag-base-url-relative = --base-url { $url } 不是完整的地址：订阅源（atom.xml）和站点地图（sitemap.xml）需要每个页面的完整地址，没有的话订阅阅读器和搜索引擎都不接受
flag-base-url-relative-help = 请给出网站发布的地址，例如 --base-url https://example.org/archive/，或在 site.toml 里设置 base_url
site-base-url-relative = base_url { $url } 不是完整的地址：订阅源（atom.xml）和站点地图（sitemap.xml）需要每个页面的完整地址，没有的话订阅阅读器和搜索引擎都不接受
site-base-url-unset = 没有设置 base_url，所以它是 { $url }，不是完整的地址：订阅源（atom.xml）和站点地图（sitemap.xml）需要每个页面的完整地址，没有的话订阅阅读器和搜索引擎都不接受
site-base-url-relative-help = 请在 site.toml 里把 base_url 设为网站发布的地址，例如 base_url = "https://example.org/archive/"，或在构建时加上 --base-url https://example.org/archive/
url-no-host = 缺少主机名
url-bad-start = 必须以 http://、https:// 或 / 开头
url-query-or-space = 不能含有查询（?）、片段（#）或空格

## 构建和写出（build.rs、output/、render/、check.rs）

list-and = 和
cache-cannot-save = 无法保存构建缓存：{ $error }
cache-cannot-save-help = 网站已经构建好了；只是下次构建会慢一些
cache-unusable = 构建缓存不能用：{ $why }
cache-unusable-help = 已忽略它，会重新写一份；删除这个文件夹总是安全的
lock-failed = 无法加锁（锁用来防止两次构建同时进行）：{ $error }
folder-above-output-writable = 请确认输出文件夹的上一级文件夹可以写入
staging-failed = 无法在输出文件夹旁边建立临时文件夹：{ $error }
swap-failed = 无法把新网站放到位（输出文件夹没有改动）：{ $error }
swap-failed-help = 请检查输出文件夹及其上一级文件夹的权限
# The spool: a temporary file that holds every speech's text while a build runs.
spool-cannot-create = 无法在这个文件夹里建立生成网站用的临时文件：{ $error }
spool-cannot-create-help = 请确认这个文件夹存在、可以写入并且有剩余空间（所需空间与全部讲话稿的正文相当）
spool-cannot-write = 无法把这篇讲话稿的正文存入生成网站用的临时文件：{ $error }
spool-cannot-write-help = 请在输出文件夹所在的磁盘（或临时文件夹）腾出空间，然后重新生成
spool-cannot-read = 无法从生成网站用的临时文件读回这篇讲话稿的正文：{ $error }
spool-cannot-read-help = 生成过程中磁盘出错；请重新生成，如果再次出现请检查磁盘
search-index-cannot-write = 无法写入搜索索引：{ $error }
data-cannot-write = 无法写入数据下载文件：{ $error }
cannot-write-file = 无法写入 { $path }：{ $error }
cannot-write-file-help = 请确认输出文件夹可以写入，磁盘也没有满
output-refused = 不能把网站写到 { $folder }：{ $why }
output-refused-help = 请用 --output 另选一个输出文件夹，例如 public/
output-not-ours = 里面有不是 lectern 写的文件，构建会把它们替换掉
output-is-a-file = 它是文件，不是文件夹
cache-inside-output = 它在输出文件夹里面，会随网站一起发布
cache-refused = 不能把构建缓存放在 { $folder }：{ $why }
cache-refused-help = 请用 --cache 另选一个专用的文件夹，例如网站文件夹下的 .lectern-cache/
place-root = 它是文件系统的根目录
place-site = 它是网站文件夹或包含网站文件夹，会被替换掉
place-home = 它是你的主文件夹
place-inside-sources = 它在网站的 { $folder }/ 文件夹里面
old-site-not-removed = 新网站已经放到位，但旧的没能删除：{ $error }
old-site-not-removed-help = 请手动删除那个文件夹；下次构建也会再试
render-same-place = 有两个页面会写到 { $location }：{ $first }和{ $second }
render-same-place-help = 请在前置元数据里给讲话稿另写一个 `slug`
job-speech = 讲话稿 { $path }
job-page = 页面 { $path }
job-listing = 列表 { $list } 的第 { $page } 页
template-failed = 模板 { $template }：{ $detail }
template-failed-help = 请修改模板；消息里写出了出错的变量或过滤器
theme-not-installed = 没有安装主题 { $theme }：{ $folder } 不存在
theme-not-installed-help = 请把主题放进 themes/，或设置 theme = "default"
template-unreadable = 无法读取这个模板：{ $error }
template-unreadable-help = 模板必须是 UTF-8 文本文件
templates-do-not-fit = 这些模板对不上：{ $detail }
templates-do-not-fit-help = 请检查 {"{"}% extends %{"}"}、{"{"}% include %{"}"} 和 {"{"}% import %{"}"} 里的名字
template-syntax = 模板出错：{ $detail }
template-syntax-help = 请改正所示位置的模板写法；标签和过滤器见 Tera 的文档
ui-strings-unreadable = 无法读取界面文字：{ $error }
ui-strings-unreadable-help = 每条文字写一行 `key = "text"`
static-unreadable = 无法读取这个静态文件：{ $error }
tags-same-place = 标签 { $tags } 都会放在 { $url }
tags-same-place-help = 请把其中一个标签写得不一样
check-bad-link = { $problem }：页面 { $page } 链接到 { $link }
check-bad-link-help = 请修改讲话稿里的链接，或删掉它
check-bad-link-template-help = 请修改生成这个链接的模板或静态文件
check-broken-link = 链接失效
check-missing-anchor = 锚点不存在

## lectern new（scaffold.rs）

new-is-a-file = 这是一个文件，不是文件夹
new-is-a-file-help = 请给出新网站文件夹的名字
new-cannot-read = 无法读取这个文件夹：{ $error }
new-not-empty = 文件夹不是空的；lectern new 只在空的或新的文件夹里建网站
new-not-empty-help = 请换一个新的文件夹名，或在已有的网站里运行 `lectern import`
new-cannot-create = 无法创建网站：{ $error }
new-cannot-create-help = 请确认这个文件夹可以写入

## lectern serve（serve/）

serve-cannot-open-root = 无法打开网站文件夹 { $folder }
serve-cannot-watch = 无法监视 { $folder } 的改动
serve-cannot-catch-ctrl-c = 无法接管 Ctrl-C
serve-watcher-stopped = 文件监视停止了；在重新启动之前，改动不会显示出来
serve-serving = 正在提供 { $folder }，地址 { $url }
serve-watching = 正在监视改动；按 Ctrl-C 停止。
serve-no-browser = 无法打开浏览器（{ $error }）；请自己打开 { $url }
serve-stopped = 已停止。
serve-cannot-listen = 无法在 { $address } 的 { $port } 端口上监听
serve-no-free-port = 从 { $port } 起，{ $address } 上没有空闲端口：{ $error }
serve-built = 已构建 { $speeches } 篇讲话稿：{ $files } 个文件中重新生成了 { $written } 个，用时 { $ms } 毫秒
serve-failed-first = 构建失败；改正之前，页面上会显示这个错误。
serve-failed-again = 构建失败；仍在提供上一次成功构建的网站。
serve-completed = 搜索索引和相关讲话稿已更新：{ $written } 个文件，用时 { $ms } 毫秒
serve-cannot-watch-folder = 无法监视 { $folder }：{ $error }
serve-watcher-problem = 文件监视出错：{ $error }
serve-overlay-title = lectern：最近一次重新构建失败了；这个页面显示的是上一次成功构建的结果

## lectern import：导入报告（import/report.rs）

import-wrote = ✓ { $input } → 已写入 { $path }
import-replaced = ✓ { $input } → 已替换 { $path }
import-would-write = ✓ { $input } → 将写入 { $path }
import-would-replace = ✓ { $input } → 将替换 { $path }
import-renamed = { $wanted } 已经有了，所以这篇讲话稿用了上面的文件名{ $replaced ->
        [yes] {""}
       *[no] （加 --force 会替换同名的文件）
    }
import-duplicate = = { $input }：已跳过，它的正文已经在 { $of } 里（“{ $title }”）
# 报告各行的标签，最多占九个字符宽（一个汉字占两个）。
import-label-note = 说明
import-label-encoding = 编码
import-label-sheet = 元数据
import-label-title = 标题
import-label-date = 日期
import-label-speaker = 讲话人
import-label-role = 职务
import-label-occasion = 场合
import-label-place = 地点
import-label-moved = 移出
import-label-headings = 小标题
import-label-tables = 表格
import-label-notes = 注释
import-label-pictures = 图片
import-label-themes = 主题
import-label-repaired = 修复
import-label-check = 核对
import-label-missing = 找不到
import-label-ambiguous = 不明确
import-label-no-row = 无对应行
import-label-no-file = 无文件名
import-label-extra = 额外列
import-label-unused = 未用列
import-label-skipped = 跳过
import-sheet-row-nothing = 第 { $line } 行：没有采用，文件自己的前置元数据已经写了这些字段
import-sheet-row = 第 { $line } 行：{ $fields }
import-sheet-no-row-here = 表格里没有一行写这个文件
import-date = { $date }（{ $source }）
import-not-found = 没有找到
import-moved = “{ $line }”（已移到前置元数据里）
import-headings-none = 无
import-headings = { $n } 个（{ $levels }）：{ $names }
import-tables = { $n } 个（已转成 Markdown 表格；请检查排版）
import-notes = { $n } 条（放在文末的 Markdown 脚注）
import-pictures = { $n } 张，保存在 { $folder }/：{ $files }
import-themes-from-sheet = { $themes }（来自表格）
import-themes-none = 没有建议
import-theme-hits = { $theme }（{ $hits }）
import-sheet-heading = 元数据表格 { $path }（{ $encoding }）：{ $rows } 行写了文件名
import-sheet-missing = 第 { $line } 行：“{ $file }”不是所给的任何一个文件；请核对文件名，或把那个文件也一起导入
import-sheet-ambiguous = 第 { $line } 行：“{ $file }”可能是 { $names }；请写从表格所在文件夹出发的路径（例如 { $first }），让这一行只对应一个文件
import-sheet-no-row = { $input }：表格里没有一行写它；它的字段取自正文
import-sheet-no-file = 第 { $line } 行没有文件名，所以没有使用
import-sheet-extra = { $columns }：不是讲话稿的字段，放在每篇讲话稿的 [extra] 下面（如果它其实是某个字段，请把列名改成 讲话人、职务…）
import-sheet-skipped = 表头行上面的 { $n } 行（表格上方的标题）
import-summary = { $dry_run ->
        [yes] 试运行：将导入
       *[no] 已导入
    } { $files } 个文件到 { $into }/{ $extras }。
import-summary-extras = （{ $list }）
import-summary-duplicates = { $n } 个重复，已跳过
import-summary-failed = { $n } 个失败
import-summary-ignored = 忽略了 { $n } 个其他文件
import-share = { $n }/{ $total }（{ $percent }%）
import-summary-recognised = 识别出：日期 { $dates }{ $guessed }，讲话人 { $speakers }，职务 { $roles }，场合 { $occasions }。
import-summary-guessed-dates = （其中 { $n } 个只有从标题或会议届次推出的年份，请核对）
import-summary-needs-look = { $n } 个文件需要人工核对：见上面的“核对”行。
import-part-separator = ；
import-summary-sheet = 元数据表格 { $path }：{ $parts }。
import-summary-sheet-used = { $rows } 行中用了 { $used } 行
import-summary-sheet-missing = { $n } 行写的文件不在所给的文件里
import-summary-sheet-ambiguous = { $n } 行对应多个文件
import-summary-sheet-without-row = { $n } 个导入的文件没有对应的行
import-summary-dry-run = 什么也没有写入（--dry-run）。
import-repair-entity = 还原了 &nbsp;、&ldquo; 这样的 HTML 实体
import-repair-lost-entity = 还原了丢了 & 的实体（bull; → •，nbsp; …）
import-repair-zero-width = 删除了零宽字符
import-repair-nbsp = 把不换行空格改成了普通空格
import-repair-control = 删除了控制字符
# 报告里文件的编码。
import-encoding-docx = Word 文档（.docx）
import-encoding-with-bom = { $encoding }（带 BOM）

## lectern import：识别标题和题注（import/header.rs）

import-date-from-header = 取自标题下的说明行
import-date-from-front-matter = 取自前置元数据
import-date-from-sheet = 取自元数据表格
import-date-from-header-day = 月日取自标题下的说明行，年份取自标题或说明行
import-date-from-closing = 取自文末的日期行
import-date-from-title = 取自标题
import-date-from-title-year = 取自标题里的年份，可信度较低
import-date-from-session = 取自{ $session }的年份，可信度较低
import-first-line-too-long = 第一行有 { $length } 个字，不像标题；标题“{ $title }”是用它开头的几个字拼成的

## lectern import：导入什么、导入到哪里（import/mod.rs）

import-not-a-site = { $root } 不是网站文件夹：里面既没有 { $config }，也没有 content/ 文件夹
import-not-a-site-help = 请在网站文件夹里运行 lectern import，或加上 --root DIR，或先用 `lectern new DIR` 新建一个网站
import-into-is-a-file = { $into } 是文件，不是文件夹
import-into-is-a-file-help = 请给 --into 一个 content/ 下面的文件夹
import-into-invalid = --into { $into }：{ $why }
import-into-invalid-help = 请给一个 content/ 下面的文件夹，例如 --into content/2024
import-into-not-relative = 必须是相对路径，不能有 `..`
import-into-outside-content = 讲话稿是从 content/ 里读取的，所以必须放在那里
import-into-hidden = lectern build 不读取隐藏文件夹
import-into-link = --into { $into }：它通过符号链接指到了 content/ 外面（{ $target }）
import-into-link-help = 请给一个 content/ 下面真实的文件夹，或删掉这个链接
import-into-unreadable = --into { $into }：无法读取：{ $error }
# 进度条：“12/40 个文件”。
import-progress-files = 个文件
import-progress-reading = 正在读取
import-cannot-write = 无法写入 { $path }：{ $error }
import-cannot-write-help = 请确认 content 文件夹可以写入；这个文件什么也没有写
import-convert-help = 请用 Word 或 WPS 打开它，另存为 .docx；或者用 LibreOffice 转换整个文件夹：`soffice --headless --convert-to docx *.doc`（或 *.wps），再导入得到的 .docx 文件
import-save-as-docx-help = 请用 Word 或 WPS 打开它，另存为 .docx（或 UTF-8 的 .txt），再导入
import-formats-help = lectern import 读取 .txt、.md 和 .docx 文件
import-no-extension = 文件没有扩展名，不知道是什么格式
import-unknown-format = lectern import 不能读取 .{ $extension } 文件
import-no-such-input = 没有这个文件或文件夹
import-check-the-path = 请检查路径
import-no-title-no-text = 文件里既没有标题也没有正文
import-empty-help = 请删掉它，或先把讲话稿存进去
import-own-date-invalid = 文件自己的前置元数据里的日期无法识别（{ $why }）；已保留原样，构建时会报告
import-title-but-no-text = 文件有标题（“{ $title }”），但下面没有正文
import-title-but-no-text-help = 请确认这是完整的讲话稿
import-title-has-slashes = 标题里有“/”、“\”或“..”：标题保留原样，文件名只用它的拼音
import-date-guessed = 日期 { $date } { $source }；请核对
import-no-date = 没有找到日期：已写成没有日期的草稿；写上 `date` 并删掉 `draft` 才会发布
import-no-speaker = 没有找到讲话人
import-replacement-characters = 正文里有无法解码的字符，显示为 �

## lectern import：读取文件（import/read.rs）

import-check-path-permissions = 请检查路径和权限
import-too-large = 文件有 { $size } MB；lectern import 只读取不超过 { $most } MB 的文件
import-too-large-help = 一篇讲话稿要小得多：请确认文件没有选错，或者把它拆成一篇一个文件
import-empty-file = 文件是空的
import-not-text = 这不是文本文件：看起来是{ $what }
import-not-text-help = 请导入 .txt、.md 或 .docx 文件；其他文档请先另存为其中一种
import-no-text = 文件里没有文字
import-looks-png = PNG 图片
import-looks-jpeg = JPEG 图片
import-looks-gif = GIF 图片
import-looks-pdf = PDF 文档
import-looks-zip = zip 压缩包（是不是把 .docx 存错了名字？）
import-looks-old-office = 旧版 Word（.doc）或 Excel 文件
import-looks-program = 程序
import-looks-windows-program = Windows 程序
import-looks-rtf = RTF 文档
import-looks-binary = 二进制数据，不是任何编码的文本
import-bad-utf8 = 有 { $n } 处字节不是有效的 UTF-8，显示为 �；请在正文里找一找
import-cannot-decode = 正文无法解码：按 { $encoding } 读取，{ $total } 个字符里有 { $bad } 个无效
import-cannot-decode-help = 请把文件另存为 UTF-8（或 GB18030）文本，再导入一次
import-undecodable = 有 { $n } 个字符无法按 { $encoding } 解码，显示为 �
import-own-front-matter-help = 请改正前置元数据，让它能读通；或者删掉它，让导入自己识别各个字段
import-own-front-matter-toml = 它的前置元数据不是有效的 TOML：{ $detail }
import-own-front-matter-yaml = 它的前置元数据不是有效的 YAML：{ $detail }
import-own-front-matter-not-fields = 它的前置元数据不是一行一个的 `field: value`

## lectern import：Word 文档（import/docx/）

import-docx-help = 请用 Word 或 WPS 打开它，重新另存为 .docx，或者存为 UTF-8 文本
import-docx-is-doc = 这是旧版 Word 97-2003 文档（.doc），只是名字叫 .docx，lectern 读不了
import-docx-not-zip = 这个 .docx 不是 Word 文档：它不是 zip 压缩包（{ $error }）
import-docx-no-document = 这个 .docx 里没有 word/document.xml，所以不是 Word 文档
import-docx-damaged-xml = 文档的 XML 已损坏：{ $error }
import-docx-no-text = 这个 Word 文档里没有文字
import-docx-no-text-help = 请确认文件没有选错；图片里的文字无法导入
import-docx-note-missing = 正文引用了注释 { $label }，但 .docx 里没有它的内容
import-docx-notice-times = { $notice }（{ $times } 次）
import-docx-picture-left-out = 一张图片（{ $path }）没有导入：{ $why }
import-docx-part-not-utf8 = .docx 里的 { $part } 不是 UTF-8 的 XML
import-docx-part-unreadable = 无法读取 .docx 里的 { $part }：{ $error }
import-docx-part-unpack = 无法解压 .docx 里的 { $part }：{ $error }
import-docx-part-too-large = .docx 里的 { $part } 解压后超过 { $most } MB
import-docx-chart = 有一张图表没有导入（它的数据不是文字）；需要的话请把它作为图片加进去
import-docx-smartart = 有一个 SmartArt 图形没有导入；需要的话请把它作为图片加进去
import-docx-embedded = 有一个嵌入的对象（电子表格或其他文档）没有导入
import-docx-equation = 有一个公式按纯文本保留了；请看看读起来是否通顺
import-docx-picture-not-shown = 有一张 { $format } 格式的图片，网页浏览器显示不了，已保存为 static/images/{ $file }，但没有放进正文；请把它转成 PNG，再在合适的位置链接它
import-docx-picture-external = 有一张从文档外部链接的图片（{ $target }）没有导入；需要的话请把它存进 static/images/ 并链接它
import-docx-picture-missing = 有一张图片在 .docx 里缺少数据，没有导入

## lectern import --metadata：元数据表格（import/sheet.rs）

import-sheet-no-slug = 讲话稿的 slug 请在导入后写进它自己的文件
import-sheet-no-draft = 导入时，没有日期的讲话稿写成草稿，有日期的直接发布
import-sheet-no-extra = 请直接用列名：不是字段的列会按列名放进 [extra]
import-sheet-title-over-first-line = 标题取自 { $origin }；正文第一行“{ $line }”与它不同，已作为注释保留
import-sheet-role-left-out = 去掉了职务 { $role }（那是 { $speaker } 的职务）
import-sheet-over-text = 采用了 { $origin } 的内容，而不是正文里写的：{ $changes }
import-sheet-disagrees = 文件自己的前置元数据里 { $field } 是“{ $written }”，{ $origin } 是“{ $value }”：保留前置元数据
import-sheet-save-as-csv = 请在 Excel 或 WPS 里用 文件 → 另存为 → “CSV UTF-8 (逗号分隔)” 或 “CSV (逗号分隔)” 保存表格，再把这个 .csv 文件交给 --metadata
import-sheet-no-such-file = 没有这个文件
import-sheet-unreadable = 无法读取元数据表格：{ $why }
import-sheet-unreadable-help = 请检查 --metadata 后面的路径
import-sheet-too-large = 元数据表格有 { $size } MB，一份讲话稿目录用不了 { $most } MB 以上
import-sheet-too-large-help = 请确认文件没有选错
import-sheet-workbook = 元数据表格是工作簿（.xlsx、.xls、.et 或 .ods），不是 CSV 文件
import-sheet-not-text = 元数据表格不是文本
import-sheet-refused = 元数据表格：{ $why }
import-sheet-not-csv = 元数据表格无法按 CSV 读取：{ $error }
import-sheet-not-csv-help = 请用 Excel 或 WPS 重新另存为 CSV
import-sheet-empty = 元数据表格是空的：没有表头行
import-sheet-no-file-column = 元数据表格没有 `file` 列：第一行（第 { $line } 行）写的是 { $names }
import-sheet-no-file-column-help = 第一行必须写列名，其中一列是 `file`（或 文件、文件名），写每个文件的名字或从表格所在文件夹出发的路径；其他列写 标题、日期、讲话人、职务、场合、地点… 或 title、date、speaker、role、occasion、place…
import-sheet-columns-twice = 第 { $first } 列（“{ $first_name }”）和第 { $second } 列（“{ $second_name }”）都是{ $what }
import-sheet-the-file = 文件名
import-sheet-the-field = { $field } 字段
import-sheet-a-column-of-that-name = 同名的列
import-sheet-columns-twice-help = 请删掉或改名其中一列，让每个字段只有一列
import-sheet-not-from-sheet = { $column }：{ $why }
import-sheet-unnamed-column = 第 { $column } 列在表头行里没有名字，所以没有使用它的内容
# 消息里说明表格的一行在哪里：“list.csv 第 4 行”。
import-sheet-origin = { $sheet } 第 { $line } 行
import-sheet-cell-past-header = { $origin } 在第 { $column } 列有内容（“{ $cell }”），但表头行只写了 { $columns } 列；这一行的格子可能错位了
import-sheet-cell-past-header-help = 含逗号的格子必须加英文双引号（Excel 和 WPS 保存 CSV 时会自动加）；请改正这一行，或给这一列起个名字
import-sheet-bad-cell = { $origin } 第 { $column } 列（{ $header }）：{ $problem }
import-sheet-rows-conflict = { $sheet } 的第 { $lines } 行都写了 { $file }，所以没有导入它
import-sheet-rows-conflict-help = 每个文件只留一行（把这几行合并），再导入一次
import-sheet-row-refused = { $problems }；所以没有导入 { $file }（没有为它写任何文件）
import-sheet-row-refused-help = { $help }；然后再导入一次（已经导入过的正文会跳过）
import-sheet-correct-the-cell = 请改正这个格子
import-sheet-not-a-date = “{ $text }”不是日期（{ $why }）
import-sheet-not-a-date-help = 日期请写成 2014/4/28、2014-04-28 或 2014年4月28日（只知道年月或年份时写 2014年4月 或 2014年）
import-sheet-unknown-themes = { $origin } 写了 { $n } 个 site.toml 里没有的主题“{ $themes }”（那里的主题是 { $known }）：这个格子按 { $header } 保留在 [extra] 下面；请把主题加进 site.toml，或改正这个格子

## lectern import：写出的讲话稿文件里的注释（import/write.rs）

import-file-exists = 文件已经存在
import-comment-imported = 由 `lectern import` 从 { $file }（{ $encoding }）导入。
import-comment-from-sheet = 取自 { $origin }：{ $fields }。
import-comment-date-guessed = 日期是推测的：只找到了年份。请核对。
import-comment-no-date = 正文里没有找到日期：写上 `date` 并删掉 `draft`，这篇讲话稿才会发布。
import-comment-header-lines = 原文标题下的说明行，现在是上面的字段：

## 讲话人（archive/speakers.rs）

speakers-same-place = 讲话人 { $speakers } 都会放在 { $url }
speakers-same-place-help = 请在 { $registry } 里给其中一位单独的 slug：[[speaker]] name = "…" slug = "…"
speakers-spelling-in = { $files } 里的 { $spelling }
speakers-also-in = （也见于 { $files }）
speakers-spelling-differs = 讲话人 { $spelling }{ $also } 和 { $others } 只是{ $how }不同；它们算作同一位讲话人：{ $name }
speakers-spelling-differs-help = 请在这里写 speaker = { $name }，或者在 { $registry } 里把 { $spelling } 列为 { $name } 的别名（aliases），保留原来的写法
speakers-same-pinyin = 讲话人 { $rarer }（{ $rarer_speeches }，{ $rarer_url }）和 { $other }（{ $other_files }，{ $other_url }）只差一个同音字 { $characters }（{ $sound }）：是同一个人吗？
speakers-same-pinyin-help = 如果是错别字，请改正；如果是同一个人，请在 { $registry } 里把 { $rarer } 加进 { $other } 的别名（aliases）；如果是两个人，请在那里给每人写一个 [[speaker]] 条目，这条提示就不会再出现
speakers-speech-count = { $n } 篇讲话稿
# 同一个名字的两种写法有什么不同：“只是空格和标点不同”。
speakers-differ-spacing = 空格
speakers-differ-width-or-punctuation = 全角半角或标点
speakers-differ-width = 全角半角或大小写
speakers-differ-script = 繁体简体
speakers-differ-punctuation = 标点

## 构建缓存和输出锁（cache.rs、build.rs）

cache-foreign = 它不是 lectern 的构建缓存
cache-damaged = 它已损坏（{ $why }）
cache-checksum = 校验和对不上
lock-waiting = 另一次 lectern 构建正在写 { $output }；等它完成……
lock-waiting-for-process = 另一次 lectern 构建（进程 { $pid }）正在写 { $output }；等它完成……

## 搜索索引：索引文件出了什么问题（search/）

search-cannot-read = 无法读取 { $path }：{ $error }
search-file-damaged = { $path } 已损坏：{ $why }
search-other-format = 索引的格式是 { $found }，这个版本的 lectern 读取的是格式 { $reads }
search-why-ends-early = 索引文件提前结束了
search-why-overlong-number = 索引文件里有一个过长的数
search-why-invalid-character = 索引文件里有无效的字符
search-why-section-past-end = 有一个小标题超出了正文的末尾
search-why-year-runs = docs.bin：各年份的篇数加起来不对
search-why-fold-too-many = fold.bin：字符对的数目超过了文件能容纳的
search-why-fold-order = fold.bin：字符没有按顺序排列
search-why-fold-not-character = fold.bin 里有不是字符的内容
search-why-fold-trailing = fold.bin 在最后一个字符对之后还有内容
search-why-number-out-of-range = 索引文件里有一个超出范围的数
search-why-bad-gram = 索引文件里有一个无效的词元
search-why-unknown-plane = 索引文件里有一个未知的位平面
search-why-entry-ends-early = 有一条目录项提前结束了
search-why-no-split = 它没有列出每一段的拆分二元组
search-why-stored-speech = 存储的第 { $id } 篇讲话稿：{ $why }
search-why-shard = 第 { $bucket } 桶的分片：{ $why }
search-too-many-packs = 一个搜索段需要超过 256 个 16 MiB 的打包文件
search-item-too-large = 搜索索引里有一项超过了 4 GiB
fold-out-of-order = 繁简对照表里 { $later } 排在 { $earlier } 之后
fold-to-itself = 繁简对照表把 { $code } 对应到它自己

## lectern serve：拒绝请求时的纯文本回答（serve/）

serve-bad-request = 请求有误
serve-no-host = 请求有误：缺少 Host 头
serve-line-too-long = 请求行太长，lectern serve 不处理
serve-headers-too-large = 请求头太大，lectern serve 不处理
serve-get-and-head-only = lectern serve 只回答 GET 和 HEAD 请求
serve-moved = 已移动
serve-range-outside = 请求的范围超出了文件
serve-nothing-here = 这里（还）什么都没有。
serve-too-many-reloads = lectern serve 已经打开了 { $limit } 个自动刷新连接；请关掉一些预览标签页，再刷新这个页面
serve-too-many-connections = lectern serve 打开的连接太多了；请稍后再试
serve-wrong-host =
    lectern serve 只回答发给 127.0.0.1、localhost 和 [::1] 的请求，而这个请求是发给 { $host } 的。
    请改为打开 http://{ $address }/。（别的网站的页面借用它自己的域名访问预览时会被拒绝，这样它就读不到草稿。）要从其他电脑预览，请加上 --bind 启动 lectern serve。
serve-cannot-accept = 无法接受连接：{ $error }

## lectern build --offline（output/offline.rs）

offline-cannot-rewrite = { $page }：无法改写它的链接：{ $error }
