package dev.warden.audit.log;

/**
 * RFC 4180 rows, safe to open in a spreadsheet: every cell quoted, quotes doubled, and a
 * cell that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return
 * at the start) prefixed with an apostrophe (OWASP CSV injection guidance).
 */
final class Csv {

	private Csv() {
	}

	static String row(String... cells) {
		StringBuilder row = new StringBuilder();
		for (int i = 0; i < cells.length; i++) {
			if (i > 0) {
				row.append(',');
			}
			row.append('"').append(safe(cells[i]).replace("\"", "\"\"")).append('"');
		}
		return row.append("\r\n").toString();
	}

	static String safe(String cell) {
		if (cell == null || cell.isEmpty()) {
			return "";
		}
		char first = cell.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + cell : cell;
	}

}
