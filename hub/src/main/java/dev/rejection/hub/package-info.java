/**
 * Downloads models from the Hugging Face Hub into the cache that huggingface_hub uses, so Python and Java share
 * one copy of each file.
 *
 * <ul>
 *   <li>{@link dev.rejection.hub.HubSettings}: endpoint, token, cache folder and offline flag, read from the same
 *       environment variables as huggingface_hub ({@code HF_ENDPOINT}, {@code HF_TOKEN}, {@code HF_HOME},
 *       {@code HF_HUB_CACHE}, {@code HF_HUB_OFFLINE}).</li>
 *   <li>{@link dev.rejection.hub.HubClient}: the HTTP side: a file's metadata (commit, etag, size, where its
 *       bytes are) and its bytes, resumed with a Range request.</li>
 *   <li>{@link dev.rejection.hub.HubCache}: the cache layout ({@code models--org--name/blobs, snapshots, refs}) and
 *       the atomic, locked, checksummed store of one file.</li>
 *   <li>{@link dev.rejection.hub.ModelDownloader}: which files make a model (config, tokenizer, ONNX) and the
 *       snapshot directory they end up in.</li>
 *   <li>{@link dev.rejection.hub.ModelLocator}: turns a {@code --model} argument, a directory or a Hub id, into a
 *       model directory; {@link dev.rejection.hub.KnownModels} pins the models we recommend.</li>
 * </ul>
 */
package dev.rejection.hub;
