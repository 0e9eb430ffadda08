"""串标围标 (collusive bidding) analytics for 数据铁笼: screens, bidder network, model, evaluation.

Pure pandas / numpy / scikit-learn; nothing here imports Django (the management command lives in
tongban.trading.management). See docs/collusion.md.
"""
