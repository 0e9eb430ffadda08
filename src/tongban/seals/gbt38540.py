"""GB/T 38540-2020 (安全电子签章密码技术规范) data structures, version 4, as asn1crypto definitions.

Field order and types follow legal-rules.md §5.2, cross-checked against two independent implementations:
ofdrw's `org.ofdrw.gm.ses.v4` (BouncyCastle) and an OpenSSL-based GB/T 38540 verifier's ASN1_SEQUENCE
templates. What each signature covers follows those same implementations (the standard's text was not read):

- SES_Seal.signedValue = SM2-with-SM3 signature by the seal maker (制章人) over DER(SES_SealInfo);
- SES_Signature.signature = SM2-with-SM3 signature by the signer over DER(TBS_Sign).

    SES_Seal       ::= SEQUENCE { eSealInfo SES_SealInfo, cert OCTET STRING, signAlgID OBJECT IDENTIFIER,
                                  signedValue BIT STRING }
    SES_SealInfo   ::= SEQUENCE { header SES_Header, esID IA5String, property SES_ESPropertyInfo,
                                  picture SES_ESPictrueInfo, extDatas ExtensionDatas OPTIONAL }
    SES_Header     ::= SEQUENCE { id IA5String ("ES"), version INTEGER (4), vid IA5String }
    SES_ESPropertyInfo ::= SEQUENCE { type INTEGER, name UTF8String, certListType INTEGER,
                                  certList SES_CertList, createDate GeneralizedTime,
                                  validStart GeneralizedTime, validEnd GeneralizedTime }
    SES_CertList   ::= CHOICE { certs SEQUENCE OF OCTET STRING,            -- certListType 1
                                certDigestList SEQUENCE OF CertDigestObj }  -- certListType 2
    CertDigestObj  ::= SEQUENCE { type PrintableString, value OCTET STRING }
    SES_ESPictrueInfo ::= SEQUENCE { type IA5String, data OCTET STRING, width INTEGER, height INTEGER } -- mm
    ExtData        ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
                                  extnValue OCTET STRING }
    TBS_Sign       ::= SEQUENCE { version INTEGER, eseal SES_Seal, timeInfo GeneralizedTime,
                                  dataHash BIT STRING, propertyInfo IA5String,
                                  extDatas [0] EXPLICIT ExtensionDatas OPTIONAL }
    SES_Signature  ::= SEQUENCE { toSign TBS_Sign, cert OCTET STRING, signatureAlgID OBJECT IDENTIFIER,
                                  signature BIT STRING, timeStamp [0] EXPLICIT BIT STRING OPTIONAL }

Both CHOICE alternatives of SES_CertList are SEQUENCE OF, so they share a tag; which one is meant is told by
certListType, as in ofdrw. Here certList is decoded as `certs` (type 1, what Tongban writes) and re-read as
digests when certListType is 2.
"""

from __future__ import annotations

from asn1crypto import core

SES_VERSION = 4
SES_ID = "ES"
CERT_LIST_CERTS = 1
CERT_LIST_DIGESTS = 2


class SesHeader(core.Sequence):
    _fields = [
        ("id", core.IA5String),
        ("version", core.Integer),
        ("vid", core.IA5String),
    ]


class CertInfoList(core.SequenceOf):
    _child_spec = core.OctetString


class CertDigestObj(core.Sequence):
    _fields = [
        ("type", core.PrintableString),
        ("value", core.OctetString),
    ]


class CertDigestList(core.SequenceOf):
    _child_spec = CertDigestObj


class SesESPropertyInfo(core.Sequence):
    _fields = [
        ("type", core.Integer),
        ("name", core.UTF8String),
        ("cert_list_type", core.Integer),
        ("cert_list", CertInfoList),
        ("create_date", core.GeneralizedTime),
        ("valid_start", core.GeneralizedTime),
        ("valid_end", core.GeneralizedTime),
    ]

    def cert_digests(self) -> CertDigestList:
        return CertDigestList.load(self["cert_list"].dump())


class SesESPictrueInfo(core.Sequence):  # sic: "Pictrue" is the standard's spelling
    _fields = [
        ("type", core.IA5String),
        ("data", core.OctetString),
        ("width", core.Integer),
        ("height", core.Integer),
    ]


class ExtData(core.Sequence):
    _fields = [
        ("extn_id", core.ObjectIdentifier),
        ("critical", core.Boolean, {"default": False}),
        ("extn_value", core.OctetString),
    ]


class ExtensionDatas(core.SequenceOf):
    _child_spec = ExtData


class SesSealInfo(core.Sequence):
    _fields = [
        ("header", SesHeader),
        ("es_id", core.IA5String),
        ("property", SesESPropertyInfo),
        ("picture", SesESPictrueInfo),
        ("ext_datas", ExtensionDatas, {"optional": True}),
    ]


class SesSeal(core.Sequence):
    _fields = [
        ("e_seal_info", SesSealInfo),
        ("cert", core.OctetString),
        ("sign_alg_id", core.ObjectIdentifier),
        ("signed_value", core.OctetBitString),
    ]


class TbsSign(core.Sequence):
    _fields = [
        ("version", core.Integer),
        ("eseal", SesSeal),
        ("time_info", core.GeneralizedTime),
        ("data_hash", core.OctetBitString),
        ("property_info", core.IA5String),
        ("ext_datas", ExtensionDatas, {"explicit": 0, "optional": True}),
    ]


class SesSignature(core.Sequence):
    _fields = [
        ("to_sign", TbsSign),
        ("cert", core.OctetString),
        ("signature_alg_id", core.ObjectIdentifier),
        ("signature", core.OctetBitString),
        ("time_stamp", core.OctetBitString, {"explicit": 0, "optional": True}),
    ]
