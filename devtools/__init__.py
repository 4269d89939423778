"""Development tools run from the checkout (not in the wheel): browser.py drives headless Chromium."""
