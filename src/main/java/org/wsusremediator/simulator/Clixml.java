package org.wsusremediator.simulator;

import java.util.List;

/**
 * PowerShell's serialized error stream: {@code #< CLIXML} then one {@code <S S="Error">} element per console
 * line, CR LF written as {@code _x000D__x000A_}. pywinrm and Ansible parse exactly this.
 */
final class Clixml {

    private Clixml() {
    }

    static String errorStream(List<List<String>> records) {
        StringBuilder b = new StringBuilder("#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">");
        for (List<String> record : records) {
            for (String line : record) {
                b.append("<S S=\"Error\">").append(escape(line)).append("_x000D__x000A_</S>");
            }
        }
        return b.append("</Objs>").toString();
    }

    private static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '_' -> b.append(text.startsWith("_x", i) ? "_x005F_" : "_");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
