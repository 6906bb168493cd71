package org.synnefo.reactive.examples.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small WebFlux service on the synnefo-reactive clients: a server summary composed from three cloud
 * calls made concurrently, and files streamed into and out of Pithos without ever being held in memory.
 * Configure it with {@code synnefo.auth-url} and {@code synnefo.token} (e.g. the environment variables
 * {@code SYNNEFO_AUTH_URL} and {@code SYNNEFO_TOKEN}).
 */
@SpringBootApplication
@EnableConfigurationProperties(SynnefoProperties.class)
public class SampleApplication {

    /** @param args Spring Boot's arguments */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
