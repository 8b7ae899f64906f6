"""The criteria pages: sets (list, detail, publish…), the editor, import and export, preview and what-if."""
