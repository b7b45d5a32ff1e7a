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
