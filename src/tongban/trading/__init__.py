"""公共资源交易 (public-resource trading) data and the 数据铁笼 collusion analytics around it.

The Django side (models, imports, rules, scoring, inspector pages, referral reports) lives here; the analytics
core (screens, bidder network, model) is the plain-Python package `tongban.trading.collusion`.
"""
