"""The half-yearly rappel pages: per ministry, what is overdue or due soon on a cut-off date
(page, print, CSV), and one screen for the committee's decisions afterwards.

Reading needs `commitments.view_commitment` (griffie and Commissiestaf); recording decisions
needs `commitments.change_commitment` (griffie).
"""
