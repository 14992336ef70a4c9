/**
 * Each VM's own files on libvirt storage pools: the read-only image catalog pool, the instance pool with every
 * VM's qcow2 overlay, cloud-init NoCloud seed ISO and console log, and the seed's YAML.
 */
package io.isthmus.rms.infrastructure.libvirt.storage;
