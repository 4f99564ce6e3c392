package org.wsusremediator.inventory;

import java.io.IOException;
import org.wsusremediator.yaml.YamlWording;

/**
 * The inventory's words for what is wrong with its YAML as a whole: written before the change-window file and
 * recipes existed, and kept because admins (and the tests) know them. It also says where a syntax error's
 * construct began, and reports an over-long key at {@code parent.…}.
 */
enum InventoryWording implements YamlWording {
    INSTANCE;

    @Override
    public String duplicateKey(int firstLine) {
        return "duplicate key; already set at line " + firstLine;
    }

    @Override
    public String secondDocument() {
        return "a second YAML document ('---') is not allowed; an inventory is one document";
    }

    @Override
    public String unreadable(String reason) {
        return "the inventory file " + reason;
    }

    @Override
    public String notYamlText(IOException e) {
        return "cannot be read as YAML text: " + e.getMessage();
    }

    @Override
    public String syntaxContext(String context, int contextLine, int problemLine) {
        return " (" + context + (contextLine != problemLine ? " started at line " + contextLine : "") + ")";
    }

    @Override
    public String oversizedKeyPath(String mappingPath) {
        return mappingPath.isEmpty() ? "…" : mappingPath + ".…";
    }
}
