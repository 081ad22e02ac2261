"""Money the government owes, kept as working registers.

SME payment contracts (保障中小企业款项支付条例) with their payments, payments of the
obligations of investment agreements and PPP projects, and local debt per unit and year.
The rules (due dates, interest, lines, risk bands) are in :mod:`commitments.derived`.
"""
