"""The one exception readers raise for a file they cannot read, and the reason OCR is missing."""


class ReadFailure(Exception):
    """A file cannot be read; the message is the Chinese reason shown to users."""


OCR_UNAVAILABLE = (
    "图片或扫描页需要文字识别（OCR），但本机未安装 OCR 引擎（rapidocr、onnxruntime），"
    "内容未自动核验；请按 README 执行 scripts/install.sh 安装后重新运行"
)
