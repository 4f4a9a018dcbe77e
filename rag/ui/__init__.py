"""The ui wing: the Gradio app's layout of both tabs (layout), chat and browse handlers (chat, browse) and safe
HTML rendering of corpus and user text (render). app.py at the project root only builds and launches it.
"""
