// The demo's Web Worker, around its WebAssembly module (sim_worker_main.cpp): the page's frames
// (transferred ArrayBuffers) wait here until the module runs; the world is read from IndexedDB
// before it is built, and written back when the module hands over a copy. The page keeps a list
// of the worlds saved (localStorage, which a worker cannot read): a world it does not list is
// built at once, without waiting on IndexedDB (opening it the first time in a browser profile
// takes half a second).
var metalInbox = [];
var metalSearch = null;
var metalReady = false;
var metalScheduled = false;
var metalChannel = new MessageChannel();
var metalKey = null;
var metalDatabase = null;  // a promise of the database (null inside when it cannot be opened)
var metalSavedKeys = null;  // what the page says was saved; null: it did not say, look
var metalListed = false;  // whether the page lists this world as saved (told only of changes)

self.onmessage = function (event) {
  if (event.data && typeof event.data === "object" && "start" in event.data) {
    metalSearch = String(event.data["start"]);
    if (Array.isArray(event.data["saved"])) metalSavedKeys = event.data["saved"];
    metalBoot();
    return;
  }
  metalInbox.push(event.data);
  metalSchedule();
};

Module["onRuntimeInitialized"] = function () {
  metalReady = true;
  metalBoot();
};

function metalOpenDatabase() {
  return new Promise(function (resolve) {
    var request;
    try { request = indexedDB.open("metal-console-demo", 1); } catch (e) { resolve(null); return; }
    request.onupgradeneeded = function () { request.result.createObjectStore("worlds"); };
    request.onsuccess = function () { resolve(request.result); };
    request.onerror = function () { resolve(null); };  // private mode and the like: no saving
  });
}

function metalStore(mode, use) {
  return metalDatabase.then(function (database) {
    return new Promise(function (resolve) {
      if (!database) { resolve(null); return; }
      var transaction = database.transaction("worlds", mode);
      var request = use(transaction.objectStore("worlds"));
      transaction.oncomplete = function () { resolve(request ? request.result : true); };
      transaction.onerror = transaction.onabort = function () { resolve(null); };
    });
  });
}

function metalBoot() {
  if (!metalReady || metalSearch === null || metalKey !== null) return;
  var search = metalAllocString(metalSearch);
  metalKey = UTF8ToString(Module["_metal_sim_configure"](search));
  _free(search);
  metalDatabase = metalOpenDatabase();  // saving waits on it; a world never saved does not
  metalListed = metalSavedKeys !== null && metalSavedKeys.indexOf(metalKey) >= 0;
  (metalListed || metalSavedKeys === null ? metalStore("readonly", function (store) { return store.get(metalKey); })
          : Promise.resolve(null)).then(function (saved) {
    var started;
    if (saved && saved["bytes"]) {
      var bytes = new Uint8Array(saved["bytes"]);
      var p = _malloc(bytes.length || 1);
      HEAPU8.set(bytes, p);
      started = Module["_metal_sim_start"](p, bytes.length, saved["savedAt"] || 0);
      _free(p);
      if (!started) {
        // Set aside, never lost: kept under another name for whoever wants to look at it.
        metalTellForgotten();
        metalStore("readwrite", function (store) {
          store.put(saved, metalKey + "/unreadable/" + new Date().toISOString());
          return store.delete(metalKey);
        });
      }
    } else {
      Module["_metal_sim_start"](0, 0, 0);
    }
    setInterval(metalWork, 100);  // the clock, serial output, saving
    metalWork();
  });
}

function metalAllocString(text) {
  var size = lengthBytesUTF8(text) + 1, p = _malloc(size);
  stringToUTF8(text, p, size);
  return p;
}

function metalSchedule() {
  if (metalScheduled || metalKey === null) return;
  metalScheduled = true;
  metalChannel.port2.postMessage(0);
}
metalChannel.port1.onmessage = function () {
  metalScheduled = false;
  metalWork();
};

function metalWork() {
  if (metalKey === null) return;
  var frames = metalInbox;
  metalInbox = [];
  for (var i = 0; i < frames.length; i++) {
    var bytes = new Uint8Array(frames[i]), p = _malloc(bytes.length || 1);
    HEAPU8.set(bytes, p);
    Module["_metal_sim_frames"](p, bytes.length);
    _free(p);
  }
  if (Module["_metal_sim_work"]()) metalSchedule();
}

function metalSaveWorld(bytes, at) {
  metalStore("readwrite", function (store) {
    return store.put({"bytes": bytes.buffer, "savedAt": at, "format": 2}, metalKey);
  }).then(function (done) {
    if (done && !metalListed) {
      metalListed = true;
      postMessage({"saved": metalKey});
    }
    Module["_metal_sim_saved"](done ? Date.now() : 0);
  });
}

function metalTellForgotten() {
  metalListed = false;
  postMessage({"forgot": metalKey});
}

function metalForgetWorld() {
  metalTellForgotten();
  metalStore("readwrite", function (store) { return store.delete(metalKey); });
}
