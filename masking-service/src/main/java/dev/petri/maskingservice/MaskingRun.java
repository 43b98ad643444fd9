package dev.petri.maskingservice;

/**
 * One masking run: the build of one image version.
 *
 * @param image        image name
 * @param version      image version
 * @param status       where the run is
 * @param requestJson  the build request it serves, as event JSON (secrets sealed)
 * @param outcomeJson  the completed or failed event it produced, as JSON, once final
 */
public record MaskingRun(String image, int version, RunStatus status, String requestJson, String outcomeJson) {
}
