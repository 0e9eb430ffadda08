"""公共资源交易 (public-resource trading): trading data and the collusion analytics of 数据铁笼."""
