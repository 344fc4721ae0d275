package io.smartvitals.smart.auth.discovery;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code smart_style_url}: the styling hints SMART's {@code context-style} capability promises, as JSON. */
@RestController
public class SmartStyleEndpoint {

	@CrossOrigin(origins = "*")
	@GetMapping(path = "/auth/{tenant}/smart-style.json", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<Map<String, Object>> style(@PathVariable String tenant) {
		Map<String, Object> style = new LinkedHashMap<>();
		style.put("color_background", "#edeae3");
		style.put("color_error", "#9e2d2d");
		style.put("color_highlight", "#69b5ce");
		style.put("color_modal_backdrop", "");
		style.put("color_success", "#498e49");
		style.put("color_text", "#303030");
		style.put("dim_border_radius", "6px");
		style.put("dim_font_size", "13px");
		style.put("dim_spacing_size", "20px");
		style.put("font_family_body", "Georgia, Times, 'Times New Roman', serif");
		style.put("font_family_heading", "'HelveticaNeue-Light', Helvetica, Arial, 'Lucida Grande', sans-serif");
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(style);
	}
}
