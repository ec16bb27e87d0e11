package be.cocon.platform.web;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;

/**
 * How long browsers keep the browser app's files. The build names every chunk under
 * {@code /assets/} after a hash of its content, so a chunk never changes under its name:
 * a year and "immutable" (a phone on a weak connection never asks again). The files that
 * name those chunks ({@code index.html}, the service worker, the manifest, the offline
 * page) are checked with the server on every use, so a new version reaches everyone at
 * once.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	private static final String STATIC = "classpath:/static/";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// the build writes a gzip -9 copy of each chunk
		// (frontend/scripts/precompress.mjs); sent
		// as it is, Tomcat does not compress it again
		registry.addResourceHandler("/assets/**")
			.addResourceLocations(STATIC + "assets/")
			.setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
			.resourceChain(true)
			.addResolver(new EncodedResourceResolver());
		registry.addResourceHandler("/index.html", "/sw.js", "/manifest.webmanifest", "/offline.html")
			.addResourceLocations(STATIC)
			.setCacheControl(CacheControl.noCache());
	}

}
