"""nianbao (年报助手): drafting assistant for the annual 政府信息公开工作年度报告."""

__version__ = "0.1.0"
